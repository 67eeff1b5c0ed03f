// Every stdio request with an id gets an answer (issue 14 §1, §2): a message over the read limit is
// refused with the limit and how to split an import, and the server keeps serving; a request that
// is JSON but not a valid request is refused with -32600 or -32602, as over HTTP. The guard in
// front of the SDK in-process, then the real transport once.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CLI, serverEnv } from '../../harness/mcp-peers.js';
import { startRecordingKibana } from '../../harness/recording-kibana.js';
import { RequestIdScanner } from '../../src/server/request-id-scanner.js';
import { type StdioRefusal, StdioLineGuard } from '../../src/server/stdio-lines.js';

interface Guarded {
  passed: string[];
  answers: StdioRefusal[];
  warnings: string[];
}

/** Writes `input` through a guard, in chunks of `chunkBytes`, and collects what it passed, answered and warned of. */
async function guard(input: string, maxLineBytes = 1024, chunkBytes = 7): Promise<Guarded> {
  const seen: Guarded = { passed: [], answers: [], warnings: [] };
  const line = new StdioLineGuard({
    maxLineBytes,
    tooLarge: (size) => `too large: ${size}`,
    answer: (refusal) => seen.answers.push(refusal),
    warn: (message) => seen.warnings.push(message),
  });
  line.on('data', (chunk: Buffer) => seen.passed.push(chunk.toString('utf8')));
  const bytes = Buffer.from(input);
  for (let at = 0; at < bytes.length; at += chunkBytes) line.write(bytes.subarray(at, at + chunkBytes));
  line.end();
  await once(line, 'end');
  return seen;
}

const call = (id: unknown, params: unknown = { name: 'get_status', arguments: {} }) =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params });

describe('the stdio line guard', () => {
  it('passes valid messages on as they came, one line per chunk, and warns of nothing', async () => {
    const lines = [call(1), JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }), call('a')];
    const seen = await guard(`${lines.join('\n')}\n`);
    expect(seen.passed).toEqual(lines.map((line) => `${line}\n`));
    expect([seen.answers, seen.warnings]).toEqual([[], []]);
  });

  it('refuses a line over the limit with its id, wherever the id is, and passes the next one', async () => {
    const padding = { name: 'import_saved_objects', arguments: { objects: [{ id: 'not-this', note: '"id":7,'.repeat(400) }] } };
    const idLast = JSON.stringify({ jsonrpc: '2.0', method: 'tools/call', params: padding, id: 'big-1' });
    const idFirst = JSON.stringify({ id: 42, jsonrpc: '2.0', method: 'tools/call', params: padding });
    const seen = await guard(`${idLast}\n${idFirst}\n${call(3)}\n`);
    expect(seen.answers).toEqual([
      { jsonrpc: '2.0', id: 'big-1', error: { code: -32600, message: `too large: ${idLast.length}` } },
      { jsonrpc: '2.0', id: 42, error: { code: -32600, message: `too large: ${idFirst.length}` } },
    ]);
    expect(seen.passed).toEqual([`${call(3)}\n`]);
  });

  it('answers each kind of malformed request with its id: -32602 for its params, -32600 otherwise', async () => {
    const malformed = [
      call(1, []),
      call(2, { name: 'get_status', _meta: { progressToken: { not: 'a token' } } }),
      call(3, { name: 'get_status', _meta: 'meta' }),
      JSON.stringify({ jsonrpc: '1.0', id: 4, method: 'tools/call' }),
      JSON.stringify({ jsonrpc: '2.0', id: 5, method: 7 }),
      JSON.stringify([JSON.parse(call(6)), JSON.parse(call(7))]),
    ];
    const seen = await guard(`${malformed.join('\n')}\n`);
    expect(seen.answers.map(({ id, error }) => [id, error.code])).toEqual([
      [1, -32602],
      [2, -32602],
      [3, -32602],
      [4, -32600],
      [5, -32600],
      [6, -32600],
      [7, -32600],
    ]);
    expect(seen.answers[0]!.error.message).toBe('Invalid params of tools/call: "params" must be an object, got an array');
    expect(seen.answers[1]!.error.message).toBe(
      'Invalid params of tools/call: "params._meta.progressToken" must be a string or a number, got an object',
    );
    expect(seen.passed).toEqual([]);
  });

  it('warns of what has no id to answer: a line that is not JSON, an invalid notification, a large response', async () => {
    const response = JSON.stringify({ jsonrpc: '2.0', id: 9, result: { content: 'x'.repeat(2000) } });
    const seen = await guard(
      `not json\n${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: [] })}\n${response}\n\n`,
    );
    expect(seen.answers).toEqual([]);
    expect(seen.warnings).toHaveLength(3);
    expect(seen.warnings[0]).toMatch(/not JSON/);
  });
});

describe('the id of a message too large to hold', () => {
  const idOf = (text: string) => {
    const scanner = new RequestIdScanner();
    scanner.feed(Buffer.from(text));
    return [scanner.id, scanner.hasMethod];
  };

  it('is the top-level id, however the message is laid out', () => {
    expect(idOf('{"jsonrpc":"2.0","method":"m","params":{"id":1,"s":"\\"id\\": 2"},"id":3}')).toEqual([3, true]);
    expect(idOf('{ "id" : "a\\"b" , "method" : "m" }')).toEqual(['a"b', true]);
    expect(idOf('{"params":[{"id":5}],"id": -12.5 }')).toEqual([-12.5, false]);
    expect(idOf('{"id":{"nested":1},"method":"m"}')).toEqual([undefined, true]);
    expect(idOf('[{"id":1}]')).toEqual([undefined, false]);
  });
});

describe('over stdio, against the real transport', () => {
  it('answers an 11 MB import and malformed requests with errors, and keeps serving', async () => {
    const kibana = await startRecordingKibana(() => ({ body: { version: { number: '8.18.2' } } }));
    const child = spawn(process.execPath, [CLI, '--kibana-version', '8.18.2'], {
      env: serverEnv({ KIBANA_URL: kibana.url, KIBANA_API_KEY: 'aWQ6a2V5' }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const answers = new Map<unknown, { error?: { code: number; message: string }; result?: unknown }>();
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (let end = buffered.indexOf('\n'); end !== -1; end = buffered.indexOf('\n')) {
        const answer = JSON.parse(buffered.slice(0, end));
        answers.set(answer.id, answer);
        buffered = buffered.slice(end + 1);
      }
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const objects = Array.from({ length: 40_000 }, (_, i) => ({ type: 'dashboard', id: `d-${i}`, attributes: { title: 'x'.repeat(240) } }));
    const initialize = {
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
    };
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      method: 'tools/call',
      params: { name: 'import_saved_objects', arguments: { objects } },
      id: 1,
    });
    expect(huge.length).toBeGreaterThan(11_000_000);
    const lines = [
      JSON.stringify(initialize),
      JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
      huge,
      call(2, []),
      call(3, { name: 'get_status', arguments: {}, _meta: { progressToken: {} } }),
      call(4),
    ];
    try {
      child.stdin.write(`${lines.join('\n')}\n`);
      await expect.poll(() => answers.has(4), { timeout: 20_000 }).toBe(true);
      expect(answers.get(1)?.error?.code).toBe(-32600);
      expect(answers.get(1)?.error?.message).toMatch(
        /^Request too large: a message over stdio may be at most 10 MiB \(10485760 bytes\); this one has \d+ bytes, so it was not read\. To import a large export, split its objects over several import_saved_objects calls/,
      );
      expect(answers.get(2)?.error?.code).toBe(-32602);
      expect(answers.get(3)?.error?.code).toBe(-32602);
      expect(answers.get(4)?.result).toEqual({ content: [{ type: 'text', text: '{"version":{"number":"8.18.2"}}' }] });
      expect(child.exitCode).toBeNull();
      expect(kibana.requests.map((request) => request.path)).toEqual(['/api/status']);
    } finally {
      child.stdin.end();
      await once(child, 'exit');
      await kibana.stop();
    }
    expect(stderr).not.toMatch(/error/i);
  });
});
