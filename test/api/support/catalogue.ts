// Small hand-made catalogues for the pure tests of the full-API tools.
import type { CatalogueEntry } from '../../../src/api/catalogue.js';
import type { Catalogue } from '../../../src/catalogue/load.js';
import type { CatalogueOperation } from '../../../src/catalogue/model.js';
import type { Schema } from '../../../src/schema/schema.js';
import { operationTier } from '../../../src/api/tier.js';
import type { HttpMethod } from '../../../src/kibana/http.js';
import { isSpaceAwarePath } from '../../../src/kibana/spaces.js';

/** `METHOD path  Title` → an entry whose tier and space-awareness follow Kibana's rules; extra fields override. */
export function entry(line: string, extra: Partial<CatalogueEntry> = {}): CatalogueEntry {
  const [, method, path, title = ''] = /^(\S+) (\S+)\s*(.*)$/.exec(line)!;
  return {
    method: method as HttpMethod,
    path: path!,
    title,
    tags: [],
    effect: operationTier(method as HttpMethod, path!),
    spaceAware: isSpaceAwarePath(path!),
    ...extra,
  };
}

/** An operation of a hand-made catalogue: an entry (see `entry`) with parameters, a body and the spec `test`. */
export function operation(line: string, extra: Partial<CatalogueOperation> = {}): CatalogueOperation {
  return { ...entry(line), versions: {}, parameters: [], responses: ['application/json'], spec: 'test', ...extra };
}

/** A catalogue of these operations, whose `$ref`s name `components`. */
export function catalogueOf(operations: CatalogueOperation[], components: Record<string, Schema> = {}): Catalogue {
  return { operations, components: () => (name) => (Object.hasOwn(components, name) ? components[name] : undefined) };
}

/** A reference to a component of a hand-made catalogue. */
export function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}
