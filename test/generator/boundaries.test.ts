// What the runtime may load: nothing of the generator, and no package it neither depends on nor bundles.
// Follows every import (static and dynamic) from the CLI through the source tree.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBundled } from '../../scripts/bundled-packages.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s(?:[^'"]*?\sfrom\s)?'([^']+)'|import\('([^']+)'\)/g;

/** Every source file reachable from `entries` (through dynamic imports too, unless told not to), and the packages they import. */
function reach(entries: string[], { dynamic = true } = {}): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = entries.map((entry) => join(ROOT, entry));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      if (match[2] !== undefined && !dynamic) continue;
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else if (!specifier.startsWith('node:'))
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
    }
  }
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages };
}

describe('module boundaries', () => {
  it('the runtime (everything the CLI can load) never reaches the generator, and uses only runtime dependencies and bundled packages', () => {
    const runtime = reach(['src/cli.ts']);
    expect(runtime.files).toContain('src/tools/generated/inputs/cases/kibana-9.3.ts');
    expect(runtime.files).toContain('src/schema/to-zod.ts');
    expect(runtime.files.filter((file) => file.startsWith('src/generator/'))).toEqual([]);
    expect([...runtime.packages].filter((name) => !(name in dependencies) && !isBundled(name))).toEqual([]);
  });

  it('a package the build bundles is no runtime dependency: dist/ holds it', () => {
    expect(Object.keys(dependencies).filter(isBundled)).toEqual([]);
  });

  it('nothing the CLI loads at start imports the catalogue: only a dynamic import on the first full-API call may', () => {
    const statically = reach(['src/cli.ts'], { dynamic: false });
    expect(statically.files.filter((file) => file.startsWith('src/catalogue/'))).toEqual([]);
    // The loader itself reads nothing when imported: its file reads happen inside loadCatalogue.
    const loader = readFileSync(join(ROOT, 'src/catalogue/load.ts'), 'utf8');
    const topLevel = loader.split('\n').filter((line) => /^(const|let|await|export const)\b/.test(line) && /readFile|readdir/.test(line));
    expect(topLevel).toEqual([]);
  });

  it('spec reading and the converter stand alone, for runtime use: no generator, no dev-only package', () => {
    const standalone = reach(['src/openapi/spec-reader.ts', 'src/openapi/document.ts', 'src/schema/input-module.ts']);
    expect(
      standalone.files.every((file) => /^src\/(openapi|schema|kibana)\//.test(file)),
      standalone.files.join(', '),
    ).toBe(true);
    expect([...standalone.packages].sort()).toEqual(['yaml', 'zod']);
  });
});
