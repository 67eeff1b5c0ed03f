// The Streamable HTTP endpoint in the test process, on loopback, for a runtime.
import { silentLogger } from '../../src/logger.js';
import type { ConfirmationSeal } from '../../src/server/confirmation-seal.js';
import { type HttpOptions, type RunningHttpServer, serveHttp } from '../../src/server/http.js';
import { defaultOriginPolicy } from '../../src/server/http-origin.js';
import { mcpServing } from '../../src/server/mcp-server.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';

export function serveOnLoopback(
  runtime: ToolRuntime,
  options: Partial<Omit<HttpOptions, 'host' | 'port' | 'origins'>> & { seal?: ConfirmationSeal } = {},
): Promise<RunningHttpServer> {
  const { seal, auth = { kind: 'none' }, ...rest } = options;
  return serveHttp(mcpServing(runtime, silentLogger, seal), {
    host: '127.0.0.1',
    port: 0,
    auth,
    origins: defaultOriginPolicy('127.0.0.1'),
    ...rest,
  });
}
