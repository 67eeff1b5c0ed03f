import { OPTIONS, type OptionSpec } from './options.js';
import { PACKAGE_VERSION } from '../version.js';

export interface CommandHelp {
  name: string;
  summary: string;
}

export function renderHelp(commands: readonly CommandHelp[]): string {
  const optionRows = (OPTIONS as readonly OptionSpec[]).map((spec) => {
    const flag = `--${spec.flag}${spec.placeholder && spec.type !== 'boolean' ? ` ${spec.placeholder}` : ''}`;
    const details = [spec.env, spec.default === undefined ? undefined : `default ${spec.default}`].filter(Boolean).join(', ');
    return [flag, `${spec.help}${details ? ` [${details}]` : ''}`] as const;
  });
  const rows = [...optionRows, ['-h, --help', 'Show this help.'] as const, ['-v, --version', 'Print the version.'] as const];
  const width = Math.max(...rows.map(([flag]) => flag.length), ...commands.map((c) => c.name.length)) + 2;
  const pad = (text: string) => text.padEnd(width);
  return [
    `kibana-mcp ${PACKAGE_VERSION}: an MCP server for Kibana's REST API.`,
    '',
    'Usage: kibana-mcp [command] [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${pad(command.name)}${command.summary}`),
    '',
    'Options (flags win over environment variables):',
    ...rows.map(([flag, text]) => `  ${pad(flag)}${text}`),
    '',
    'Credentials: exactly one of KIBANA_API_KEY, KIBANA_USERNAME + KIBANA_PASSWORD, or KIBANA_BEARER_TOKEN.',
    'Prefer environment variables for secrets: flags are visible to other users in the process list.',
    '',
  ].join('\n');
}
