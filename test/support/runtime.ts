// A ToolRuntime in the test process: the generated tools (or given ones) against a loopback Kibana.
import { silentLogger } from '../../src/logger.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools } from '../../src/tools/registry.js';
import { type RuntimeOptions, ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { ToolResult } from '../../src/tools/runtime/tool.js';
import { servedTools } from '../../src/tools/served-tools.js';
import { clientStatusProbe, KibanaVersion } from '../../src/tools/kibana-version.js';
import { testClient } from './kibana-client.js';

const ALL_SPECS = await loadAllTools(generated);
/** Every generated tool (all variants of each name), as a server serves them when it starts without knowing Kibana's version. */
export const GENERATED_TOOLS = servedTools(ALL_SPECS, undefined);
/** The version test runtimes know from the start, as a server that read it at start does. */
export const TEST_KIBANA_VERSION = '8.18.2';
/** The generated tools a server serves on TEST_KIBANA_VERSION. */
export const TEST_VERSION_TOOLS = servedTools(ALL_SPECS, TEST_KIBANA_VERSION);

/**
 * A runtime serving the tools of TEST_KIBANA_VERSION, known from the start (no version probe), unless
 * `options` say otherwise (`tools: GENERATED_TOOLS` for a server that could not read the version).
 */
export function testRuntime(kibanaUrl: string, options: Partial<RuntimeOptions> = {}): ToolRuntime {
  const client = options.client ?? testClient(kibanaUrl, { auth: { kind: 'apiKey', apiKey: 'aWQ6a2V5' } });
  return new ToolRuntime({
    tools: TEST_VERSION_TOOLS,
    kibanaVersion: new KibanaVersion(clientStatusProbe(client), options.tools ? undefined : TEST_KIBANA_VERSION),
    client,
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
