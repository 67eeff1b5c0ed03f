// Who may import whom, where a reader would otherwise have to trust a comment.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONGEST_FIRST } from './support/longest-first.js';

const ROOT = resolve(import.meta.dirname, '..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs)$/.test(entry.name))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** Each file's import specifiers, resolved to repository paths when relative. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
  return specifiers.map((specifier) => (specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, file, '..', specifier)) : specifier));
}

function offenders(folders: string[], forbidden: (imported: string, file: string) => boolean): string[] {
  return folders.flatMap((folder) =>
    sources(folder).flatMap((file) =>
      importsOf(file)
        .filter((imported) => forbidden(imported, file))
        .map((imported) => `${file} → ${imported}`),
    ),
  );
}

describe('layout', () => {
  it('benchmarks and the shared harness import no test code', () => {
    expect(offenders(['bench', 'harness'], (imported) => imported.startsWith('test/'))).toEqual([]);
  });

  it('the product imports no test, harness or benchmark code', () => {
    expect(offenders(['src'], (imported) => /^(test|harness|bench)\//.test(imported))).toEqual([]);
  });

  it('only the protocol adapter and the demo client know the MCP SDK: tools and commands never see the protocol', () => {
    const outside = (file: string) => !file.startsWith('src/server/') && !file.startsWith('src/demo/');
    expect(offenders(['src'], (imported, file) => imported.startsWith('@modelcontextprotocol/') && outside(file))).toEqual([]);
  });

  it('the test files the sequencer runs first exist', () => {
    expect(LONGEST_FIRST.filter((file) => !existsSync(join(ROOT, file)))).toEqual([]);
  });
});
