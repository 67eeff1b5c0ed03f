// The connected Kibana's version: known from the start (configured, or read before the first
// tools/list), or read from GET /api/status by the first call that needs it and then kept per caller.
// Per caller, because in passthrough mode each caller brings its own credentials: a caller Kibana
// rejects must not learn the version from another caller's answer (issue 14 §3).
import type { KibanaClient } from '../client/index.js';
import { type StatusAnswer, statusVersion } from '../client/status-probe.js';

/** Reads the version with the given caller's credentials (undefined: the configured ones). */
export type StatusProbe = (authorization: string | undefined) => Promise<StatusAnswer>;

export interface VersionCaller {
  /** The caller's own Authorization header (passthrough). */
  authorization?: string;
  /** Stops this caller's wait, not the probe other callers may share. */
  signal?: AbortSignal;
}

/** Callers whose answer is kept; the oldest is forgotten beyond this (it is then read again). */
const MAX_CALLERS = 1_000;

// What a status body may carry instead (a mock's example "string", an empty value) says nothing about the version.

export class KibanaVersion {
  readonly #known: string | undefined;
  readonly #probe: StatusProbe;
  /** Version per caller key: '' for the configured credentials, a digest of the header otherwise. */
  readonly #answers = new Map<string, string>();
  readonly #probes = new Map<string, Promise<string | undefined>>();

  constructor(probe: StatusProbe, known?: string) {
    this.#probe = probe;
    this.#known = known;
  }

  /** The version every caller gets without a probe, when it was known at start. */
  get known(): string | undefined {
    return this.#known;
  }

  /** The version as this caller may know it, or undefined when Kibana did not tell it (asked again next time). */
  async get(caller: VersionCaller = {}): Promise<string | undefined> {
    if (this.#known !== undefined) return this.#known;
    const key = await callerKey(caller.authorization);
    const answered = this.#answers.get(key);
    if (answered !== undefined) return answered;
    let probe = this.#probes.get(key);
    if (!probe) {
      probe = this.#ask(key, caller.authorization);
      this.#probes.set(key, probe);
    }
    return caller.signal ? untilAborted(probe, caller.signal) : probe;
  }

  async #ask(key: string, authorization: string | undefined): Promise<string | undefined> {
    try {
      const answer = await this.#probe(authorization);
      if (!('version' in answer)) return undefined;
      if (this.#answers.size >= MAX_CALLERS) this.#answers.delete(this.#answers.keys().next().value!);
      this.#answers.set(key, answer.version);
      return answer.version;
    } finally {
      this.#probes.delete(key);
    }
  }
}

/** A probe through the Kibana client (its timeout and retries): for runtimes given no probe of their own. */
export function clientStatusProbe(client: KibanaClient): StatusProbe {
  return async (authorization) => {
    try {
      const response = await client.request({
        method: 'GET',
        path: '/api/status',
        ...(authorization === undefined ? {} : { authorization }),
      });
      const version = statusVersion(response.data);
      return version === undefined ? { failure: 'GET /api/status answered without a version number' } : { version };
    } catch (error) {
      return { failure: error instanceof Error ? error.message : String(error) };
    }
  };
}

// Keys, not credentials, stay in memory: a caller's header is kept only as its digest.
async function callerKey(authorization: string | undefined): Promise<string> {
  if (authorization === undefined) return '';
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(authorization).digest('base64');
}

function untilAborted<T>(work: Promise<T | undefined>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
