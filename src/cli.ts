#!/usr/bin/env node
// `kibana-mcp`: flags and environment → configuration → the chosen command.
import { runCheck } from './commands/check.js';
import { runListTools } from './commands/list-tools.js';
import { runServe } from './commands/serve.js';
import { renderHelp, type CommandHelp } from './config/help.js';
import { INSECURE_TLS_WARNING, resolveKibanaConfig, type KibanaConfig } from './config/kibana-config.js';
import { ConfigError, readOptions, type ReadOptions } from './config/read-options.js';
import { PACKAGE_VERSION } from './version.js';

interface Command extends CommandHelp {
  run(options: ReadOptions): Promise<number>;
}

const COMMANDS: Command[] = [
  {
    name: 'serve',
    summary: 'Run the MCP server: stdio by default, Streamable HTTP with --http (the default command).',
    run: runServe,
  },
  {
    name: 'list-tools',
    summary: 'Print the tools the given --toolsets/--tier/--include/--exclude expose, with token counts.',
    run: (options) => runListTools(options, (line) => process.stdout.write(`${line}\n`)),
  },
  {
    name: 'check',
    summary: 'Connect to Kibana, read /api/status, print its version and the effective configuration.',
    run: (options) => runCheck(kibanaConfig(options), (line) => process.stdout.write(`${line}\n`)),
  },
];

function kibanaConfig(options: ReadOptions): KibanaConfig {
  const config = resolveKibanaConfig(options);
  if (config.tlsInsecure) process.stderr.write(`kibana-mcp warn: ${INSECURE_TLS_WARNING}\n`);
  return config;
}

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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error);
    process.stderr.write(`kibana-mcp: ${message}\n`);
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
