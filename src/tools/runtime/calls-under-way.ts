// The calls under way: counted, so that shutdown can wait for them, and each with an abort of its
// own, so that a hurried shutdown can cut them off. A call cut off still answers (saying so), and
// the operator learns which calls those were, since Kibana may have done what they asked.
import { isIdentityKey } from '../payload.js';
import { InFlight } from './in-flight.js';

/** The abort reason of a call the server cut off because it is stopping. */
export class CallCutOff extends Error {
  override name = 'CallCutOff';
}

interface Entry {
  description: string;
  controller: AbortController;
}

export class CallsUnderWay {
  readonly #inFlight = new InFlight();
  readonly #entries = new Set<Entry>();

  /** Runs `work` with a signal that aborts when `caller` does or when the call is cut off. */
  run<T>(description: string, caller: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const entry: Entry = { description, controller: new AbortController() };
    const onAbort = () => entry.controller.abort(caller?.reason);
    if (caller?.aborted) onAbort();
    else caller?.addEventListener('abort', onAbort, { once: true });
    this.#entries.add(entry);
    return this.#inFlight
      .track(() => work(entry.controller.signal))
      .finally(() => {
        this.#entries.delete(entry);
        caller?.removeEventListener('abort', onAbort);
      });
  }

  /** Aborts every call under way with CallCutOff; returns what each was (tool and ids), for the log. */
  cutOff(why: string): string[] {
    const cut = [...this.#entries].filter((entry) => !entry.controller.signal.aborted);
    for (const entry of cut) entry.controller.abort(new CallCutOff(why));
    return cut.map((entry) => entry.description);
  }

  /** What the calls under way are, for the log. */
  get descriptions(): string[] {
    return [...this.#entries].map((entry) => entry.description);
  }

  idle(): Promise<void> {
    return this.#inFlight.idle();
  }
}

const MAX_SHOWN_IDS = 5;
const MAX_VALUE_CHARS = 80;

/** A call as the log names it: the tool and the ids its arguments name, top level and one list deep (`objects[].id`). */
export function describeCall(tool: string, args: Record<string, unknown> | undefined): string {
  const ids: string[] = [];
  for (const [key, value] of Object.entries(args ?? {})) {
    if (isIdentityKey(key) && isScalar(value)) ids.push(`${key}=${shown(value)}`);
    else if (Array.isArray(value)) {
      const named = isIdentityKey(key) ? value.filter(isScalar) : value.flatMap((item) => idsOf(item));
      if (named.length > 0) ids.push(`${isIdentityKey(key) ? key : `${key}[].id`}=${listed(named)}`);
    }
  }
  return ids.length === 0 ? tool : `${tool} (${ids.join(', ')})`;
}

function idsOf(item: unknown): Array<string | number> {
  const id = (item as { id?: unknown } | null)?.id;
  return isScalar(id) ? [id] : [];
}

function isScalar(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function shown(value: string | number): string {
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function listed(values: Array<string | number>): string {
  const more = values.length > MAX_SHOWN_IDS ? `, +${values.length - MAX_SHOWN_IDS} more` : '';
  return `[${values.slice(0, MAX_SHOWN_IDS).map(shown).join(', ')}${more}]`;
}
