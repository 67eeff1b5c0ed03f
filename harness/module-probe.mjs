// Preloaded with `node --import`: records every module the process loads, in the file named by
// MODULE_PROBE_FILE, one per line: `esm <url>` as each ES module loads (a load hook), then on
// SIGUSR2 `cjs <path>` (the require cache), `builtin <id>` (Node's own modules, bundled undici
// among them) and a closing `done`.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.MODULE_PROBE_FILE;
if (file) {
  writeFileSync(file, '');
  register('./module-probe-hooks.mjs', import.meta.url, { data: { file } });
  process.on('SIGUSR2', () => {
    const cjs = Object.keys(createRequire(import.meta.url).cache).map((path) => `cjs ${path}`);
    const builtins = process.moduleLoadList
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => `builtin ${entry.slice(13)}`);
    appendFileSync(file, `${[...cjs, ...builtins, 'done'].join('\n')}\n`);
  });
}
