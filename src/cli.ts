#!/usr/bin/env node
// `kibana-mcp`: flags and environment → configuration → the chosen command.
import { renderHelp, type CommandHelp } from './config/help.js';
import { ConfigError, readOptions, type ReadOptions } from './config/read-options.js';
import { UsageError } from './usage-error.js';
import { PACKAGE_VERSION } from './version.js';

interface Command extends CommandHelp {
  run(options: ReadOptions): Promise<number>;
}

const printLine = (line: string) => process.stdout.write(`${line}\n`);

// Commands load their modules on demand: serving over stdio should not pay for the tokenizer.

const COMMANDS: Command[] = [
  {
    name: 'serve',
    summary: 'Run the MCP server: stdio by default, Streamable HTTP with --http (the default command).',
    run: async (options) => (await import('./commands/serve.js')).runServe(options),
  },
  {
    name: 'list-tools',
    summary: 'Print the tools the given --toolsets/--tier/--include/--exclude expose, with token counts.',
    run: async (options) => (await import('./commands/list-tools.js')).runListTools(options, printLine),
  },
  {
    name: 'demo',
    summary: 'A guided tour: an MCP client drives `kibana-mcp --demo` through a few tasks and prints each step.',
    run: async () => (await import('./demo/tour.js')).runTour(printLine),
  },
  {
    name: 'sandbox',
    summary: 'Run the sandbox Kibana alone (--port, default 5601) and print its URL and credentials.',
    run: async (options) =>
      (await import('./commands/sandbox.js')).runSandbox({
        host: options.values.host as string,
        port: options.given.has('port') ? (options.values.port as number) : 5601,
      }),
  },
  {
    name: 'check',
    summary: 'Connect to Kibana, read /api/status, print its version and the effective configuration.',
    run: async (options) => (await import('./commands/check.js')).runCheck(options, printLine),
  },
];

export async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv, process.env);
  if (options.help) {
    process.stdout.write(renderHelp(COMMANDS));
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${PACKAGE_VERSION}\n`);
    return 0;
  }
  const [name, ...extra] = options.positionals;
  const command = COMMANDS.find((candidate) => candidate.name === (name ?? 'serve'));
  if (!command) {
    throw new ConfigError(`unknown command "${name ?? ''}"; expected one of: ${COMMANDS.map((c) => c.name).join(', ')}`);
  }
  if (extra.length > 0) throw new ConfigError(`unexpected argument "${extra[0]}" after ${command.name}`);
  return command.run(options);
}

// `kibana-mcp list-tools | head` closes stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`kibana-mcp: ${message}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
