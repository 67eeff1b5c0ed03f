// Kibana accepts writes into a space that does not exist (and creates nothing to see them in), and
// answers reads there with an empty page: before a write into a non-default space, and when a read
// there found nothing, make sure the space exists, and name the nearest ones when it does not.
import { KibanaError, type KibanaClient, type KibanaRequest } from '../client/index.js';
import { similarNames } from '../similar.js';
import { DEFAULT_SPACE } from '../kibana/spaces.js';

/** Bounds memory when many passthrough callers each confirm their spaces. */
const MAX_REMEMBERED = 1_000;
const MAX_NAMED_SPACES = 5;
/** A space id longer than any real one is compared by its start only. */
const MAX_COMPARED_CHARS = 100;

/** Whether the call was to write into the space or to read from it. */
export type SpaceUse = 'write' | 'read';

export interface ExistingSpace {
  id: string;
  name?: string;
}

export class MissingSpaceError extends Error {
  override name = 'MissingSpaceError';
  /** `nearest`: existing spaces worth naming, nearest first; undefined when they could not be listed. */
  constructor(
    readonly space: string,
    readonly use: SpaceUse = 'write',
    readonly nearest?: readonly ExistingSpace[],
    readonly similar = false,
  ) {
    super(missingSpaceMessage(space, use, nearest, similar));
  }
}

function missingSpaceMessage(space: string, use: SpaceUse, nearest: readonly ExistingSpace[] | undefined, similar: boolean): string {
  const outcome = use === 'write' ? 'so nothing was written' : 'so there is nothing to read in it';
  const named = (nearest ?? []).map((each) => (each.name && each.name !== each.id ? `"${each.id}" (${each.name})` : `"${each.id}"`));
  const spaces = named.length === 0 ? '' : ` ${similar ? 'Nearest existing spaces' : 'Existing spaces'}: ${named.join(', ')}.`;
  const next = `Pass an existing space_id (list_spaces shows them all)${use === 'write' ? ', or create the space first (create_space)' : ''}.`;
  return `Space "${space}" does not exist, ${outcome}.${spaces} ${next}`;
}

export interface SpaceGuardOptions {
  /** How long a confirmed space is trusted without asking Kibana again. */
  ttlMs?: number;
  now?: () => number;
}

/** Operations that write into spaces named in their body, besides the one they run in. */
const TARGET_SPACES: Record<string, (body: Record<string, unknown>) => unknown> = {
  'POST /api/spaces/_copy_saved_objects': (body) => body.spaces,
};

const SPACE_DELETION = 'DELETE /api/spaces/space/{id}';

/** The spaces a write request puts objects into: the one it runs in (if it lives in one) and any targets. */
export function spacesWrittenBy(request: KibanaRequest, runsInSpace: boolean): string[] {
  const own = runsInSpace && request.space !== undefined ? [request.space] : [];
  const targets = TARGET_SPACES[`${request.method} ${request.path}`]?.((request.body ?? {}) as Record<string, unknown>);
  return [...new Set([...own, ...(Array.isArray(targets) ? targets.filter((id): id is string => typeof id === 'string') : [])])];
}

type CallerRequest = { authorization?: string; signal?: AbortSignal; deadline?: number };

function asExistingSpace(value: unknown): ExistingSpace[] {
  const { id, name } = (typeof value === 'object' && value !== null ? value : {}) as { id?: unknown; name?: unknown };
  if (typeof id !== 'string') return [];
  return [typeof name === 'string' ? { id, name } : { id }];
}

export class SpaceGuard {
  private readonly confirmedUntil = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: KibanaClient,
    options: SpaceGuardOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Resolves when `space` exists (from the cache when it was confirmed lately); throws
   * MissingSpaceError, naming the nearest existing spaces, when Kibana says it does not.
   */
  async assertExists(space: string, request: CallerRequest = {}, use: SpaceUse = 'write'): Promise<void> {
    if (space === DEFAULT_SPACE) return;
    const key = `${request.authorization ?? ''}\u0000${space}`;
    if ((this.confirmedUntil.get(key) ?? 0) > this.now()) return;
    try {
      await this.client.request({ method: 'GET', path: '/api/spaces/space/{id}', params: { id: space }, ...request });
    } catch (error) {
      if (error instanceof KibanaError && error.category === 'not_found') throw await this.missing(space, use, request);
      throw error;
    }
    if (this.confirmedUntil.size >= MAX_REMEMBERED) this.confirmedUntil.clear();
    this.confirmedUntil.set(key, this.now() + this.ttlMs);
  }

  /** The error for a space Kibana does not know, with the spaces the caller may mean (one more request, only on this path). */
  private async missing(space: string, use: SpaceUse, request: CallerRequest): Promise<MissingSpaceError> {
    let spaces: ExistingSpace[];
    try {
      const listed = await this.client.request<unknown>({ method: 'GET', path: '/api/spaces/space', ...request });
      spaces = Array.isArray(listed.data) ? listed.data.flatMap(asExistingSpace) : [];
    } catch (error) {
      if (error instanceof KibanaError) return new MissingSpaceError(space, use);
      throw error;
    }
    const wanted = space.slice(0, MAX_COMPARED_CHARS);
    const byName = new Map(spaces.flatMap((each) => [[each.id, each] as const, ...(each.name ? [[each.name, each] as const] : [])]));
    const similar = [...new Set(similarNames(wanted, byName.keys(), MAX_NAMED_SPACES).map((name) => byName.get(name)!))];
    if (similar.length > 0) return new MissingSpaceError(space, use, similar, true);
    return new MissingSpaceError(space, use, spaces.slice(0, MAX_NAMED_SPACES));
  }

  /** Called after a request succeeded: a space deleted through this server is no longer trusted. */
  observe(request: KibanaRequest): void {
    if (`${request.method} ${request.path}` !== SPACE_DELETION) return;
    const suffix = `\u0000${String(request.params?.id)}`;
    for (const key of this.confirmedUntil.keys()) if (key.endsWith(suffix)) this.confirmedUntil.delete(key);
  }
}
