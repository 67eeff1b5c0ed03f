// The CLI's commands in-process: what a wrong invocation is told, before anything starts.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/commands/main.js';
import { UsageError } from '../../src/usage-error.js';

const KIBANA = { KIBANA_URL: 'http://127.0.0.1:1', KIBANA_API_KEY: 'k' };

describe('invalid invocations are usage errors that name the flag or variable', () => {
  const cases: Array<[string[], NodeJS.ProcessEnv, RegExp]> = [
    [[], {}, /^KIBANA_URL \(or --kibana-url\) is required/],
    [[], { KIBANA_URL: 'http://127.0.0.1:1' }, /^no Kibana credentials/],
    [['--timeout', 'x'], KIBANA, /^--timeout: expected a whole number/],
    [['--tier', 'admin'], KIBANA, /^--tier: expected one of read, write, destructive/],
    [['--toolsets', 'nope'], KIBANA, /^--toolsets: unknown toolset "nope"/],
    [['frobnicate'], {}, /^unknown command "frobnicate"; expected one of: serve, list-tools, demo, sandbox, check$/],
    [['check', 'now'], {}, /^unexpected argument "now" after check$/],
    [['--http', '--host', '0.0.0.0'], KIBANA, /^--host: refusing to serve 0.0.0.0 without caller authentication/],
    [['--http', '--passthrough-auth'], KIBANA, /^KIBANA_API_KEY: passthrough auth forwards/],
    [
      ['--http', '--passthrough-auth', '--http-token', 't'],
      { KIBANA_URL: 'http://127.0.0.1:1' },
      /^--http-token and --passthrough-auth: choose one/,
    ],
    [['--demo', '--http', '--passthrough-auth'], {}, /^--demo and --passthrough-auth: the sandbox accepts only its own demo credentials$/],
  ];
  it.each(cases)('%j %j', async (argv, env, expected) => {
    const failure = await main(argv, env).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UsageError);
    expect((failure as Error).message).toMatch(expected);
  });
});
