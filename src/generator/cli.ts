// What the generator commands share: `--help` prints the usage, bad arguments and failures are one
// line on stderr (exit 2 and 1), never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface Command<T extends ParseArgsOptionsConfig> {
  /** The npm script name, e.g. `openapi:extract`. */
  name: string;
  /** The usage text `--help` prints; its first line is the synopsis. */
  usage: string;
  options: T;
  /** The names of the positional arguments the command takes, all required (`<spec>`). */
  positionals: string[];
}

export type Parsed<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>;

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const STDIO: Output = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };

/** Runs a command on `argv` and returns its exit code. */
export async function runCommand<const T extends ParseArgsOptionsConfig>(
  command: Command<T>,
  argv: string[],
  main: (args: Parsed<T>) => Promise<number>,
  output: Output = STDIO,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(`${command.usage.trim()}\n`);
    return 0;
  }
  let args: Parsed<T>;
  try {
    args = parseArgs({ args: argv, options: command.options, allowPositionals: true, strict: true });
    const expected = command.positionals;
    if (args.positionals.length > expected.length) throw new Error(`unexpected argument "${args.positionals[expected.length]}"`);
    if (args.positionals.length < expected.length) throw new Error(`missing ${expected[args.positionals.length]}`);
  } catch (error) {
    const synopsis = command.usage.trim().split('\n')[0];
    output.err(`${command.name}: ${firstSentence(error)}\nusage: ${synopsis}\n`);
    return 2;
  }
  try {
    return await main(args);
  } catch (error) {
    output.err(`${command.name}: ${firstSentence(error)}\n`);
    return 1;
  }
}

/** Runs a command on the process's arguments and sets its exit code. */
export async function runCli<const T extends ParseArgsOptionsConfig>(
  command: Command<T>,
  main: (args: Parsed<T>) => Promise<number>,
): Promise<void> {
  process.exitCode = await runCommand(command, process.argv.slice(2), main);
}

/** Node's argument errors add advice on a second sentence; keep the first line's first sentence. */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  return line.replace(/\. To specify a positional argument.*$/, '');
}
