// A ToolRuntime in the test process: the generated tools (or given ones) against a loopback Kibana.
import { silentLogger } from '../../src/logger.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools } from '../../src/tools/registry.js';
import { type RuntimeOptions, ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { ToolResult } from '../../src/tools/runtime/tool.js';
import { servedTools } from '../../src/tools/served-tools.js';
import { testClient } from './kibana-client.js';

/** Every generated tool (all variants of each name), as a server serves them when it starts without knowing Kibana's version. */
export const GENERATED_TOOLS = servedTools(await loadAllTools(generated), undefined);

export function testRuntime(kibanaUrl: string, options: Partial<RuntimeOptions> = {}): ToolRuntime {
  return new ToolRuntime({
    tools: GENERATED_TOOLS,
    client: testClient(kibanaUrl, { auth: { kind: 'apiKey', apiKey: 'aWQ6a2V5' } }),
    defaultSpace: 'default',
    maxResultChars: 20_000,
    confirmation: 'auto',
    logger: silentLogger,
    ...options,
  });
}

/** The text parts of a result, joined. */
export function textOf(result: ToolResult): string {
  return result.content.map((part) => part.text).join('\n');
}
