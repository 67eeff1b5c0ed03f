// Small hand-made catalogues for the pure tests of the full-API tools.
import type { CatalogueEntry } from '../../../src/api/catalogue.js';
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
