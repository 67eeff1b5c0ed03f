// Kibana accepts writes into a space that does not exist (and creates nothing to see them in):
// before a write into a non-default space, make sure the space exists.
import { KibanaError, type KibanaClient, type KibanaRequest } from '../client/index.js';
import { DEFAULT_SPACE } from '../kibana/spaces.js';

/** Bounds memory when many passthrough callers each confirm their spaces. */
const MAX_REMEMBERED = 1_000;

export class MissingSpaceError extends Error {
  override name = 'MissingSpaceError';
  constructor(readonly space: string) {
    super(
      `Space "${space}" does not exist, so nothing was written. Pick an existing space (list_spaces) or create it first (create_space).`,
    );
  }
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

  /** Resolves when `space` exists; throws MissingSpaceError when Kibana says it does not. */
  async assertExists(space: string, request: { authorization?: string; signal?: AbortSignal } = {}): Promise<void> {
    if (space === DEFAULT_SPACE) return;
    const key = `${request.authorization ?? ''}\u0000${space}`;
    if ((this.confirmedUntil.get(key) ?? 0) > this.now()) return;
    try {
      await this.client.request({ method: 'GET', path: '/api/spaces/space/{id}', params: { id: space }, ...request });
    } catch (error) {
      if (error instanceof KibanaError && error.category === 'not_found') throw new MissingSpaceError(space);
      throw error;
    }
    if (this.confirmedUntil.size >= MAX_REMEMBERED) this.confirmedUntil.clear();
    this.confirmedUntil.set(key, this.now() + this.ttlMs);
  }

  /** Called after a request succeeded: a space deleted through this server is no longer trusted. */
  observe(request: KibanaRequest): void {
    if (`${request.method} ${request.path}` !== SPACE_DELETION) return;
    const suffix = `\u0000${String(request.params?.id)}`;
    for (const key of this.confirmedUntil.keys()) if (key.endsWith(suffix)) this.confirmedUntil.delete(key);
  }
}
