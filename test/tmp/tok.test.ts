import { it } from 'vitest';
import { DASHBOARD_TOOLS } from '../../src/dashboards/tool-schemas.js';
import { toolTokens } from '../../src/generator/tokens.js';
it('x', () => {
  let s = 0;
  for (const t of DASHBOARD_TOOLS) {
    s += toolTokens(t);
    console.log(t.name, toolTokens(t));
    console.log(JSON.stringify(t.inputSchema));
  }
  console.log('total', s);
});
