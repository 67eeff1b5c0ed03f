// Catalogue entries read straight from the shared specs, for the tests of the full-API tools until the
// generator ships its catalogue (which will replace this file). Facts only: method, path, summary, tags, operationId.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { CatalogueEntry } from '../../../src/api/catalogue.js';
import { canonicalTemplate } from '../../../src/api/catalogue.js';
import { operationTier } from '../../../src/api/tier.js';
import { HTTP_METHODS, type HttpMethod, operationKey } from '../../../src/kibana/http.js';
import { isSpaceAwarePath } from '../../../src/kibana/spaces.js';
import { isAtLeast } from '../../../src/kibana/versions.js';
import type { ToolSpec } from '../../../src/tools/spec.js';

const OPENAPI_DIR = resolve(import.meta.dirname, '../../../../shared/openapi');

/** The specs a connected Kibana may match: 8.18, and 9.x (the 9.3 filtered spec with the 9.4 dashboards API). */
export const SPEC_SETS = {
  '8.18': { version: '8.18.0', files: ['kibana-8.18.yaml'] },
  '9.x': { version: '9.4.0', files: ['kibana-9.3-main-2025-11-19.filtered.yaml', 'kibana-dashboards-api-2026-05-11.json'] },
} as const;
export type SpecSet = keyof typeof SPEC_SETS;

export const HAVE_SPECS = Object.values(SPEC_SETS).every(({ files }) => files.every((file) => existsSync(resolve(OPENAPI_DIR, file))));
export const NO_SPECS_REASON = `the shared specs are not at ${OPENAPI_DIR} (needs ../shared/openapi next to the repo)`;
if (!HAVE_SPECS) console.warn(`Skipping the full-API tests on the shared specs: ${NO_SPECS_REASON}`);

interface SpecOperation {
  summary?: string;
  tags?: string[];
  operationId?: string;
  deprecated?: boolean;
}

function readSpec(file: string): Record<string, Record<string, SpecOperation>> {
  const text = readFileSync(resolve(OPENAPI_DIR, file), 'utf8');
  const document = (file.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 })) as { paths: Record<string, never> };
  return document.paths;
}

/** The curated tools that exist on `version`, by method + canonical path. */
function curatedByOperation(tools: readonly ToolSpec[], version: string): Map<string, ToolSpec> {
  const byKey = new Map<string, ToolSpec>();
  for (const tool of tools) {
    const { from, until } = tool.versions;
    if ((from && !isAtLeast(version, from)) || (until && isAtLeast(version, until))) continue;
    byKey.set(operationKey(tool.operation.method, canonicalTemplate(tool.operation.path).path), tool);
  }
  return byKey;
}

export function specEntries(set: SpecSet, tools: readonly ToolSpec[]): CatalogueEntry[] {
  const { version, files } = SPEC_SETS[set];
  const curated = curatedByOperation(tools, version);
  const entries: CatalogueEntry[] = [];
  for (const file of files) {
    for (const [path, item] of Object.entries(readSpec(file))) {
      for (const method of HTTP_METHODS) {
        const operation = item[method.toLowerCase()];
        if (!operation) continue;
        const tool = curated.get(operationKey(method, canonicalTemplate(path).path));
        entries.push({
          method: method as HttpMethod,
          path,
          title: operation.summary ?? '',
          tags: operation.tags ?? [],
          ...(operation.operationId ? { operationId: operation.operationId } : {}),
          effect: operationTier(method, path, tool?.tier),
          spaceAware: isSpaceAwarePath(path),
          ...(tool ? { curatedTool: tool.name, toolset: tool.toolset } : {}),
          ...(operation.deprecated ? { deprecated: true } : {}),
        });
      }
    }
  }
  return entries;
}
