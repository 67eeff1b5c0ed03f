import { it } from 'vitest';
import { relative } from 'node:path';
import { loadedModules } from '../../harness/loaded-modules.js';
import { CLI } from '../../harness/mcp-peers.js';
it('x', async () => {
  const loaded = await loadedModules([CLI], { KIBANA_URL: 'http://127.0.0.1:9', KIBANA_API_KEY: 'k' });
  const paths = loaded.files.map((f) => relative(new URL('../..', import.meta.url).pathname, f));
  console.log(paths.filter((p) => p.includes('zod')).length, paths.filter((p) => p.startsWith('dist/')).join('\n'));
}, 30000);
