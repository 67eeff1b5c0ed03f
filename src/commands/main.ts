// The CLI's commands: arguments and environment → settings → the chosen command.
// Each command loads its modules on demand: serving over stdio pays for nothing else.
import { type CommandHelp, renderHelp } from '../config/help.js';
import { ConfigError, type ReadOptions, readOptions } from '../config/read-options.js';
import { createLogger } from '../logger.js';
import { PACKAGE_VERSION } from '../version.js';

interface Command extends CommandHelp {
  run(options: ReadOptions): Promise<number>;
}

const printLine = (line: string) => process.stdout.write(`${line}\n`);

const COMMANDS: Command[] = [
  {
    name: 'serve',
    summary: 'Run the MCP server: stdio by default, Streamable HTTP with --http (the default command).',
    run: async (options) => (await import('./serve.js')).runServe(options),
  },
  {
    name: 'list-tools',
    summary:
      'Print the tools the given --toolsets/--tier/--include/--exclude expose on --kibana-version (or on any version), with token counts.',
    run: async (options) => (await import('./list-tools.js')).runListTools(options, printLine),
  },
  {
    name: 'demo',
    summary: 'A guided tour: an MCP client drives `kibana-mcp --demo` through a few tasks and prints each step.',
    run: async () => (await import('../demo/tour.js')).runTour(printLine),
  },
  {
    name: 'sandbox',
    summary: 'Run the sandbox Kibana alone (--sandbox-port, --demo-version) and print its URL and credentials.',
    run: async (options) => {
      const { runSandbox, sandboxCommandOptions } = await import('./sandbox.js');
      return runSandbox(sandboxCommandOptions(options, createLogger(options.settings.logLevel).warn));
    },
  },
  {
    name: 'check',
    summary: 'Connect to Kibana, read /api/status, print its version and the effective configuration.',
    run: async (options) => (await import('./check.js')).runCheck(options, printLine),
  },
];

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const options = readOptions(argv, env);
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
