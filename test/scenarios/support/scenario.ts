// Scenario harness: one seeded sandbox Kibana per test file, MCP servers (`node dist/cli.js`) driven
// over stdio by the official SDK client, and a few assertions shared by every scenario.
import { afterAll, beforeAll, expect } from 'vitest';
import type { ClientOptions } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startSandbox, type RequestLogEntry, type Sandbox, type SandboxOptions } from '../../../src/sandbox/index.js';
import { connectStdio, textOf, type StdioPeer } from '../../../harness/mcp-peers.js';

export { textOf };

/** The 404 hint the server attaches to "not found" failures. */
export const NOT_FOUND_HINT = /Hint: Check the id and the space/;

/** An MCP client session with one kibana-mcp process, with call helpers that assert the outcome. */
export class Agent {
  constructor(readonly peer: StdioPeer) {}

  get client() {
    return this.peer.client;
  }

  call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
    return this.client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
  }

  /** Calls a tool that must succeed and returns its JSON result (the first text part, parsed). */
  async ok<T = any>(name: string, args: Record<string, unknown> = {}): Promise<T> {
    const result = await this.call(name, args);
    if (result.isError) throw new Error(`${name} failed unexpectedly: ${textOf(result)}`);
    const first = result.content[0];
    return JSON.parse(first?.type === 'text' ? first.text : 'null') as T;
  }

  /** Calls a tool that must fail with `isError` and returns the error text. */
  async fails(name: string, args: Record<string, unknown> = {}): Promise<string> {
    const result = await this.call(name, args);
    const text = textOf(result);
    expect(result.isError, `${name} should have failed but returned ${text.slice(0, 300)}`).toBe(true);
    return text;
  }

  async toolNames(): Promise<string[]> {
    const { tools } = await this.client.listTools();
    return tools.map((tool) => tool.name).sort();
  }
}

export interface ConnectOptions {
  /** Environment on top of KIBANA_URL and the sandbox's API key. */
  env?: Record<string, string>;
  client?: ClientOptions;
}

export interface ScenarioHarness {
  readonly sandbox: Sandbox;
  /** Starts a kibana-mcp with these flags against the sandbox; stopped after the file's tests. */
  connect(args: string[], options?: ConnectOptions): Promise<Agent>;
  /** Requests the sandbox received since `mark` (an index into sandbox.requests). */
  requestsSince(mark: number): RequestLogEntry[];
}

/** Registers beforeAll/afterAll hooks: a sandbox for the file, and every server it starts stopped at the end. */
export function useScenario(options: SandboxOptions = {}): ScenarioHarness {
  let sandbox: Sandbox | undefined;
  const peers: StdioPeer[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await Promise.allSettled(peers.splice(0).map((peer) => peer.close()));
    await sandbox?.stop();
  });
  const harness: ScenarioHarness = {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox starts in beforeAll');
      return sandbox;
    },
    async connect(args, connectOptions = {}) {
      const env = { KIBANA_URL: harness.sandbox.url, KIBANA_API_KEY: harness.sandbox.credentials.apiKey, ...connectOptions.env };
      const peer = await connectStdio(args, env, connectOptions.client);
      peers.push(peer);
      return new Agent(peer);
    },
    requestsSince(mark) {
      return harness.sandbox.requests.slice(mark);
    },
  };
  return harness;
}

/** Non-GET requests: what changed (or tried to change) Kibana. */
export const writesIn = (requests: RequestLogEntry[]): RequestLogEntry[] => requests.filter((request) => request.method !== 'GET');

/** A unique suffix so scenarios never collide on ids or names. */
export const unique = (prefix: string): string => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
