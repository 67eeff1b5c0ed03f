// What a server lists for its whole life, decided at start: --kibana-version, the --demo sandbox's
// version, one bounded GET /api/status, or (unreachable, passthrough) every version's tools.
import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kibanaError, type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { connectKibana } from '../../src/commands/kibana-connection.js';
import { toolsAtStart } from '../../src/commands/tools-at-start.js';
import { readOptions } from '../../src/config/read-options.js';
import { toolSelectionFrom } from '../../src/config/tool-selection.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import * as generated from '../../src/tools/generated/index.js';
import { loadSelectedTools } from '../../src/tools/registry.js';
import { generatedSpecs } from '../../src/tools/served-tools.js';
import { servedCatalog } from '../../src/tools/tasks/catalog.js';
import * as tasks from '../../src/tools/tasks/index.js';
import { variantGroups, variantsOn } from '../../src/tools/variants.js';

let kibana: RecordingKibana;
beforeAll(async () => {
  kibana = await startRecordingKibana();
});
afterAll(() => kibana.stop());

async function start(argv: string[], env: NodeJS.ProcessEnv, passthrough = false) {
  const options = readOptions(argv, env);
  const logged: string[] = [];
  const connection = await connectKibana(options, silentLogger, { passthroughAuth: passthrough });
  kibana.requests.length = 0;
  try {
    const started = await toolsAtStart(
      options,
      connection,
      passthrough,
      createLogger('debug', (line) => logged.push(line)),
    );
    // The generated tools the catalog serves (a task tool's name hides the generated one), without the task tools.
    const specs = generatedSpecs(await loadSelectedTools(servedCatalog(generated, tasks), toolSelectionFrom(options.settings)));
    return { ...started, specs, logged, asked: kibana.requests.map((request) => `${request.method} ${request.path}`) };
  } finally {
    await connection.stop();
  }
}

const TASK_TOOLS = new Set(tasks.toolsets.flatMap((toolset) => toolset.tools));
/** The names of the generated tools among `tools`. */
const names = (tools: readonly { name: string }[]) => tools.map((tool) => tool.name).filter((name) => !TASK_TOOLS.has(name));
const at = (url: string) => ({ KIBANA_URL: url, KIBANA_API_KEY: 'k' });
const ALL = ['--toolsets', 'all', '--tier', 'destructive'];

describe('the version a server starts with', () => {
  it('--kibana-version: that version’s tools, and Kibana is not asked', async () => {
    for (const version of ['8.18.2', '9.0.0', '9.3.0', '9.4.0']) {
      const started = await start([...ALL, '--kibana-version', version], at(kibana.url));
      expect(started.kibanaVersion.known).toBe(version);
      expect(names(started.tools)).toEqual(names(variantsOn(started.specs, version)));
      expect(started.tools.some((tool) => tool.onVersion)).toBe(false);
      expect(started.asked).toEqual([]);
    }
  });

  it('a reachable Kibana: one GET /api/status, and the tools of the version it reports', async () => {
    kibana.handle(() => ({ body: { version: { number: '9.3.0' } } }));
    const started = await start(ALL, at(kibana.url));
    expect(started.asked).toEqual(['GET /api/status']);
    expect(started.kibanaVersion.known).toBe('9.3.0');
    expect(names(started.tools)).toEqual(names(variantsOn(started.specs, '9.3.0')));
    expect(started.logged).toContain('kibana-mcp debug: Kibana 9.3.0: ' + `${started.tools.length} tools\n`);
  });

  it.each([
    ['answers 401', () => kibanaError(401, 'Unauthorized', 'no'), /HTTP 401 from GET \/api\/status/],
    ['answers garbage', () => ({ body: '<html></html>', headers: { 'content-type': 'text/html' } }), /other than JSON/],
  ])('a Kibana that %s: every version’s tools, each name once, and a warning that says why', async (_case, handler, why) => {
    kibana.handle(handler);
    const started = await start(ALL, at(kibana.url));
    expect(started.kibanaVersion.known).toBeUndefined();
    expect(names(started.tools)).toEqual(names(variantGroups(started.specs).map((group) => group[0]!)));
    expect(started.logged.filter((line) => line.startsWith('kibana-mcp warn: could not read Kibana'))).toEqual([
      expect.stringMatching(why),
    ]);
  });

  it('a port that refuses: every version’s tools, at once', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const started = await start([], at(`http://127.0.0.1:${port}`));
    expect(started.kibanaVersion.known).toBeUndefined();
    expect(started.logged.join('')).toMatch(/could not read Kibana's version at start \(connection refused\)/);
  });

  it('a port that accepts and never answers: bounded by the connect timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket.resume()));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const started = await start(['--connect-timeout', '200'], at(`http://127.0.0.1:${port}`));
    for (const socket of sockets) socket.destroy();
    silent.close();
    expect(started.kibanaVersion.known).toBeUndefined();
    expect(started.logged.join('')).toMatch(/could not read Kibana's version at start \(no answer within 200 ms\)/);
  });

  it('passthrough: no probe (there are no credentials to ask with); every version’s tools, said once', async () => {
    const started = await start(ALL, { KIBANA_URL: kibana.url }, true);
    expect(started.asked).toEqual([]);
    expect(started.kibanaVersion.known).toBeUndefined();
    expect(started.logged.filter((line) => line.includes('passthrough: listing the tools of every Kibana version'))).toHaveLength(1);
  });
});
