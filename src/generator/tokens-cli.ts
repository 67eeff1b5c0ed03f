// `npm run tokens`: token cost of every generated tool definition as `tools/list` shows it, what each
// Kibana version gets, and what the shipped API catalogue holds.
import { CATALOGUE_DIR } from '../catalogue/load.js';
import * as generated from '../tools/generated/index.js';
import type { ToolSpec } from '../tools/spec.js';
import { runCli } from './cli.js';
import { catalogueFiles, reportedVersions, versionFigures, type Figures } from './report.js';
import { TOKEN_ENCODING, toolTokens } from './tokens.js';

const USAGE = `
tokens

Counts the tokens of every generated tool definition as tools/list sends it (${TOKEN_ENCODING},
with js-tiktoken) and prints them per toolset, one line per variant (with the Kibana versions it
holds on where a name has several); then, per Kibana version where the tool set changes, the tools
and tokens of the default toolsets and of all toolsets (every tier); then, per spec of the API
catalogue (openapi/catalogue/), its operation count and file size.
`;

const number = (value: number) => value.toLocaleString('en-US');
const range = ({ versions: { from, until } }: ToolSpec) => (from ?? '') + (from || until ? '–' : '') + (until ?? '');
const cell = ({ tools, tokens }: Figures) => `${String(tools).padStart(4)} tools ${number(tokens).padStart(7)} tokens`;

await runCli({ name: 'tokens', usage: USAGE, options: {}, positionals: [] }, async () => {
  const { toolsets } = generated;
  const variants = (await Promise.all(toolsets.map((toolset) => generated.loadToolset[toolset.id]!()))).flatMap((module) => module.tools);
  const tokens = new Map(variants.map((tool) => [tool, toolTokens(tool)]));
  const lines = [`tokens counted offline with js-tiktoken ${TOKEN_ENCODING}`, ''];
  for (const toolset of toolsets) {
    const own = variants.filter((tool) => tool.toolset === toolset.id);
    lines.push(`${toolset.id}${toolset.default ? ' (default)' : ''}: ${toolset.tools.length} tools`);
    for (const tool of own) {
      const several = own.filter((other) => other.name === tool.name).length > 1;
      lines.push(`  ${String(tokens.get(tool)).padStart(5)}  ${tool.name}${several ? `  ${range(tool)}` : ''}`);
    }
  }
  const largest = variants.reduce((max, tool) => (tokens.get(tool)! > tokens.get(max)! ? tool : max));
  lines.push('', `largest tool: ${largest.name} (${number(tokens.get(largest)!)} tokens)`, '');

  lines.push('per Kibana version (every tier)   default toolsets               all toolsets');
  for (const version of reportedVersions(variants)) {
    const { defaults, all } = versionFigures(variants, toolsets, version);
    lines.push(`  ${version.padEnd(32)}${cell(defaults)}    ${cell(all)}`);
  }

  lines.push('', 'API catalogue (openapi/catalogue/)');
  for (const { spec, operations, bytes } of await catalogueFiles(CATALOGUE_DIR)) {
    lines.push(`  ${spec.padEnd(32)}${String(operations).padStart(5)} operations ${number(bytes).padStart(10)} bytes`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
});
