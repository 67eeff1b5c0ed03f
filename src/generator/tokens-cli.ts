// `npm run tokens`: token cost of every generated tool definition and toolset, as `tools/list` shows them.
import * as generated from '../tools/generated/index.js';
import { loadAllTools } from '../tools/registry.js';
import { runCli } from './cli.js';
import { TOKEN_ENCODING, toolTokens } from './tokens.js';

const USAGE = `
tokens

Counts the tokens of every generated tool definition as tools/list sends it (${TOKEN_ENCODING},
with js-tiktoken) and prints them per toolset, with the totals of the default toolsets and of all tools.
`;

await runCli({ name: 'tokens', usage: USAGE, options: {}, positionals: [] }, async () => {
  const { toolsets } = generated;
  const rows = (await loadAllTools(generated)).map((tool) => ({ tool, tokens: toolTokens(tool) }));
  const lines = [`tokens counted offline with js-tiktoken ${TOKEN_ENCODING}`, ''];
  let defaultTotal = 0;
  for (const toolset of toolsets) {
    const own = rows.filter((row) => row.tool.toolset === toolset.id);
    const total = own.reduce((sum, row) => sum + row.tokens, 0);
    if (toolset.default) defaultTotal += total;
    lines.push(`${toolset.id}${toolset.default ? ' (default)' : ''}: ${total} tokens, ${own.length} tools`);
    for (const { tool, tokens } of own) lines.push(`  ${String(tokens).padStart(5)}  ${tool.name}`);
  }
  const largest = rows.reduce((max, row) => (row.tokens > max.tokens ? row : max));
  lines.push(
    '',
    `default toolsets: ${defaultTotal} tokens`,
    `all tools: ${rows.reduce((sum, row) => sum + row.tokens, 0)} tokens, ${rows.length} tools`,
  );
  lines.push(`largest tool: ${largest.tool.name} (${largest.tokens} tokens)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
});
