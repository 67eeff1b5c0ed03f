// The generator commands answer --help with their usage and bad arguments with one line.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCommand, type Command } from '../../src/generator/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const COMMAND: Command<{ out: { type: 'string' }; all: { type: 'boolean' } }> = {
  name: 'demo',
  usage: '\ndemo <file> [--out file]\n\nDoes a thing.\n',
  options: { out: { type: 'string' }, all: { type: 'boolean' } },
  positionals: ['<file>'],
};

async function run(argv: string[], main: () => Promise<number> = async () => 0) {
  const output = { out: '', err: '' };
  const code = await runCommand(COMMAND, argv, main, { out: (t) => (output.out += t), err: (t) => (output.err += t) });
  return { code, ...output };
}

describe('runCommand', () => {
  it('prints the usage for --help and -h, without running the command', async () => {
    let ran = false;
    const main = async () => ((ran = true), 0);
    expect(await run(['--help'], main)).toEqual({ code: 0, out: 'demo <file> [--out file]\n\nDoes a thing.\n', err: '' });
    expect((await run(['x', '-h'], main)).code).toBe(0);
    expect(ran).toBe(false);
  });

  it('answers bad arguments with one line and the synopsis, exit 2', async () => {
    const usage = 'usage: demo <file> [--out file]\n';
    expect(await run(['a', '--colour'])).toEqual({ code: 2, out: '', err: `demo: Unknown option '--colour'\n${usage}` });
    expect((await run([])).err).toBe(`demo: missing <file>\n${usage}`);
    expect((await run(['a', 'b'])).err).toBe(`demo: unexpected argument "b"\n${usage}`);
    expect((await run(['a', '--out'])).err).toMatch(/^demo: Option '--out <value>' argument missing\n/);
  });

  it('reports a failure of the command as one line, exit 1, and passes its exit code on', async () => {
    const failing = async (): Promise<number> => {
      throw new Error('spec.yaml: cannot be read (ENOENT)\n    at somewhere');
    };
    expect(await run(['a'], failing)).toEqual({ code: 1, out: '', err: 'demo: spec.yaml: cannot be read (ENOENT)\n' });
    expect((await run(['a'], async () => 3)).code).toBe(3);
  });
});

describe('the generator commands', () => {
  it.each(['extract-cli', 'generate-cli', 'tokens-cli'])('%s --help prints its usage', async (cli) => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', `src/generator/${cli}.ts`, '--help'], {
      cwd: ROOT,
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^(openapi:extract|generate|tokens)\b.*\n\n\S/);
  });
});
