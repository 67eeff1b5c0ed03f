// The connected Kibana's version, read once from GET /api/status when a call first needs it.
import type { KibanaClient } from '../client/index.js';

export class KibanaVersion {
  #known: string | undefined;
  /** Probes under way, one per caller's credentials: one caller's bad key must not decide for another. */
  readonly #probes = new Map<string, Promise<string | undefined>>();

  constructor(private readonly client: KibanaClient) {}

  /**
   * The version number, or undefined when Kibana does not say (the probe is then tried again next
   * time). The probe runs under the client's own timeout, not a caller's signal, since callers share it.
   */
  async get(request: { authorization?: string } = {}): Promise<string | undefined> {
    if (this.#known !== undefined) return this.#known;
    const key = request.authorization ?? '';
    let probe = this.#probes.get(key);
    if (!probe) {
      probe = this.client
        .request<{ version?: { number?: unknown } }>({ method: 'GET', path: '/api/status', ...request })
        .then((response) => (typeof response.data?.version?.number === 'string' ? response.data.version.number : undefined))
        .catch(() => undefined)
        .finally(() => this.#probes.delete(key));
      this.#probes.set(key, probe);
    }
    const version = await probe;
    this.#known ??= version;
    return version;
  }
}
