// The connected Kibana's version, read once from GET /api/status when a call first needs it.
import type { KibanaClient } from '../client/index.js';

// What a status body may carry instead (a mock's example "string", an empty value) says nothing about the version.
const VERSION_NUMBER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

export class KibanaVersion {
  #known: string | undefined;
  /** Probes under way, one per caller's credentials: one caller's bad key must not decide for another. */
  readonly #probes = new Map<string, Promise<string | undefined>>();

  constructor(private readonly client: KibanaClient) {}

  /**
   * The version number, or undefined when Kibana does not say or says something else than a
   * version number (the probe is then tried again next time). The probe runs under the client's own timeout, not a caller's signal, since callers share it.
   */
  async get(request: { authorization?: string } = {}): Promise<string | undefined> {
    if (this.#known !== undefined) return this.#known;
    const key = request.authorization ?? '';
    let probe = this.#probes.get(key);
    if (!probe) {
      probe = this.client
        .request<{ version?: { number?: unknown } }>({ method: 'GET', path: '/api/status', ...request })
        .then((response) => versionNumber(response.data?.version?.number))
        .catch(() => undefined)
        .finally(() => this.#probes.delete(key));
      this.#probes.set(key, probe);
    }
    const version = await probe;
    this.#known ??= version;
    return version;
  }
}

function versionNumber(value: unknown): string | undefined {
  return typeof value === 'string' && VERSION_NUMBER.test(value) ? value : undefined;
}
