// The work of the three full-API tools for one server, written against the call context. The operations
// of the connected Kibana's version (every version's while it is not known) load with the first call
// that needs them, once per version; a refusal is the tool's own error result, sent before anything
// reaches Kibana.
import { type Catalogue, loadCatalogue } from '../catalogue/load.js';
import type { ToolContext, ToolResult } from '../tools/runtime/tool.js';
import type { Tier } from '../tools/spec.js';
import { type CallInput, callKibanaApi } from './call.js';
import { type DescribeInput, describeKibanaApi } from './describe.js';
import { ApiOperations } from './operations.js';
import { ApiRefusal } from './refusal.js';
import { type SearchInput, searchKibanaApi } from './search.js';

export interface ApiSettings {
  /** The server's tier: call_kibana_api refuses operations above it. */
  tier: Tier;
  /** The operator lets calls reach `/internal/` operations (those of the catalogue only). */
  allowInternal: boolean;
  /** Whether the server serves a tool of this name: only those are offered as `use_instead`. Default: every curated tool. */
  isToolEnabled?: (name: string) => boolean;
  /** The operations of a Kibana version (undefined: every version's); default: the shipped catalogue. */
  catalogue?: (version: string | undefined) => Promise<Catalogue>;
}

/** The key under which the operations of an unknown version are kept. */
const ANY_VERSION = '*';

export class KibanaApi {
  readonly #loaded = new Map<string, Promise<ApiOperations>>();

  constructor(private readonly settings: ApiSettings) {}

  /** The operations of `version`, loaded on first use; a failed load is tried again by the next call. */
  operations(version: string | undefined): Promise<ApiOperations> {
    const key = version ?? ANY_VERSION;
    let loaded = this.#loaded.get(key);
    if (!loaded) {
      const catalogue = this.settings.catalogue ?? loadCatalogue;
      loaded = catalogue(version).then((loaded) => new ApiOperations(loaded));
      loaded.catch(() => this.#loaded.delete(key));
      this.#loaded.set(key, loaded);
    }
    return loaded;
  }

  search(args: SearchInput, context: ToolContext): Promise<ToolResult> {
    return this.#run(context, (api) => context.results.value(searchKibanaApi(api.index.search, args, this.#offered())));
  }

  describe(args: DescribeInput, context: ToolContext): Promise<ToolResult> {
    return this.#run(context, (api) =>
      context.results.value(describeKibanaApi(api, args, { allowInternal: this.settings.allowInternal, ...this.#offered() })),
    );
  }

  call(args: CallInput, context: ToolContext): Promise<ToolResult> {
    const { tier, allowInternal } = this.settings;
    return this.#run(context, (api) => callKibanaApi(api, args, context, { tier, allowInternal }), 'Not sent: ');
  }

  #offered(): { isToolEnabled?: (name: string) => boolean } {
    return this.settings.isToolEnabled ? { isToolEnabled: this.settings.isToolEnabled } : {};
  }

  async #run(context: ToolContext, work: (api: ApiOperations) => ToolResult | Promise<ToolResult>, refused = ''): Promise<ToolResult> {
    const api = await this.operations(await context.version());
    try {
      return await work(api);
    } catch (error) {
      if (error instanceof ApiRefusal) return context.results.error(`${refused}${error.message}`);
      throw error;
    }
  }
}
