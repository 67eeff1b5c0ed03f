// The full-API tools as the runtime serves them: search, describe and call any operation of the
// connected Kibana. Listing them needs their definitions only; the catalogue, the search index and the
// schema converter load with the first call of one of them.
import { API_TOOLS, type ApiToolDefinition, CALL_KIBANA_API, callAnnotations } from '../../api/tools.js';
import type { Schema } from '../../schema/schema.js';
import type { TaskSettings, TaskTool } from './catalog.js';
import { API_TOOLSET } from './index.js';

/** Each tool's `tools/list` cost in tokens (o200k_base; a test keeps the counts fresh). */
const TOKENS: Record<ApiToolDefinition['name'], number> = {
  search_kibana_api: 219,
  describe_kibana_api: 208,
  call_kibana_api: 328,
};

type Work = 'search' | 'describe' | 'call';
const WORK: Record<ApiToolDefinition['name'], Work> = {
  search_kibana_api: 'search',
  describe_kibana_api: 'describe',
  call_kibana_api: 'call',
};

export function apiTools(settings: TaskSettings): TaskTool[] {
  let service: ReturnType<typeof loadService> | undefined;
  const work = () => (service ??= loadService(settings));
  return API_TOOLS.map((definition) => ({
    name: definition.name,
    toolset: API_TOOLSET,
    // Each exists at every tier; call_kibana_api refuses, call by call, what the tier does not allow.
    tier: 'read',
    description: definition.description,
    inputSchema: definition.inputSchema,
    annotations: definition === CALL_KIBANA_API ? callAnnotations(settings.tier) : definition.annotations,
    tokens: TOKENS[definition.name],
    // A write answers compactly unless the call passes `full` (a read answers whole: see src/api/call.ts).
    ...(definition.name === 'call_kibana_api' ? { answers: { compact: true } } : {}),
    validator: async () => {
      const { ZodConverter } = await import('../../schema/to-zod.js');
      return new ZodConverter(() => undefined).input(definition.inputSchema as Schema);
    },
    run: async (args, context) => (await work())[WORK[definition.name]](args as never, context),
  }));
}

async function loadService(settings: TaskSettings) {
  const { KibanaApi } = await import('../../api/service.js');
  const { servedTools, ...rest } = settings;
  return new KibanaApi({ ...rest, ...(servedTools ? { isToolEnabled: (name: string) => servedTools().has(name) } : {}) });
}
