// Preloaded with `node --import`: records every module the process loads, in the file named by
// MODULE_PROBE_FILE, one per line: `esm <url>` as each ES module loads (a load hook), `read <path>`
// as the program reads a file through node:fs (data files, such as a toolset's), then on SIGUSR2
// `cjs <path>` (the require cache), `builtin <id>` (Node's own modules, bundled undici among them)
// and a closing `done`.
import fs, { appendFileSync, writeFileSync } from 'node:fs';
import { createRequire, register, syncBuiltinESMExports } from 'node:module';
import { fileURLToPath } from 'node:url';

const file = process.env.MODULE_PROBE_FILE;
if (file) {
  writeFileSync(file, '');
  register('./module-probe-hooks.mjs', import.meta.url, { data: { file } });
  const recorded = (read) =>
    function (path, ...rest) {
      appendFileSync(file, `read ${path instanceof URL ? fileURLToPath(path) : String(path)}\n`);
      return read.call(this, path, ...rest);
    };
  // Node's module loader reads with its own bindings: only the program's reads pass here.
  fs.readFileSync = recorded(fs.readFileSync);
  fs.promises.readFile = recorded(fs.promises.readFile);
  syncBuiltinESMExports();
  process.on('SIGUSR2', () => {
    const cjs = Object.keys(createRequire(import.meta.url).cache).map((path) => `cjs ${path}`);
    const builtins = process.moduleLoadList
      .filter((entry) => entry.startsWith('NativeModule '))
      .map((entry) => `builtin ${entry.slice(13)}`);
    appendFileSync(file, `${[...cjs, ...builtins, 'done'].join('\n')}\n`);
  });
}
