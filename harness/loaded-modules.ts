// Which modules a server loads from its start to its first `tools/list` answer over stdio.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { serverEnv } from './mcp-peers.js';

const PROBE = fileURLToPath(new URL('./module-probe.mjs', import.meta.url));

async function linesUntilDone(file: string): Promise<string[]> {
  for (let waited = 0; waited < 10_000; waited += 10) {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    if (lines.at(-1) === 'done') return lines;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the module probe did not answer: ${file}`);
}

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** The source modules a loaded file holds: for a file of our dist/, those its source map names; otherwise the file itself. */
export function sourcesOf(file: string): string[] {
  const map = `${file}.map`;
  if (!file.startsWith(DIST) || !existsSync(map)) return [file];
  const { sources } = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[] };
  return sources.map((source) => resolve(dirname(file), source));
}

export interface LoadedModules {
  /** Paths of the module files, ES modules first in load order, then CommonJS ones. */
  files: string[];
  /**
   * The source modules those files hold: a file of our dist/ stands for the sources its source map
   * names, any other file for itself. Tells what code loaded, whichever files it was bundled into.
   */
  sources: string[];
  /** Node's own modules (`http`, `internal/deps/undici/undici`, …). */
  builtins: string[];
  /** Files the program read through node:fs (a toolset's data among them), each once, in the order first read. */
  read: string[];
  /** Tools the first `tools/list` answered with. */
  tools: number;
}

/** Starts `node <args>` under the probe, lists its tools once over stdio, and reads what it had loaded by then. */
export async function loadedModules(args: string[], env: Record<string, string>): Promise<LoadedModules> {
  const dir = mkdtempSync(join(tmpdir(), 'kibana-mcp-modules-'));
  const file = join(dir, 'modules.txt');
  try {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', PROBE, ...args],
      env: serverEnv({ ...env, MODULE_PROBE_FILE: file }),
      stderr: 'ignore',
    });
    const client = new Client({ name: 'module-probe', version: '1.0.0' });
    await client.connect(transport);
    const { tools } = await client.listTools();
    process.kill(transport.pid!, 'SIGUSR2');
    const lines = await linesUntilDone(file);
    await client.close();
    const of = (kind: string) => lines.filter((line) => line.startsWith(`${kind} `)).map((line) => line.slice(kind.length + 1));
    // A CommonJS module imported from an ES module passes the load hook and sits in the require cache.
    const files = [
      ...new Set([
        ...of('esm')
          .filter((url) => url.startsWith('file:'))
          .map((url) => fileURLToPath(url)),
        ...of('cjs'),
      ]),
    ];
    return {
      files,
      sources: [...new Set(files.flatMap(sourcesOf))],
      builtins: of('builtin'),
      read: [...new Set(of('read'))],
      tools: tools.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
