// A copy of an upstream spec that holds only some of its operations and the components they reach
// (schemas, parameters, request bodies, responses...), upstream content untouched: Prism validates
// requests exactly as on the whole spec, and starts and answers much faster on it.
import type { HttpMethod } from '../../../src/kibana/http.js';

type Json = Record<string, unknown>;

export function trimmedSpec(document: Json, operations: Array<{ method: HttpMethod; path: string }>): Json {
  const paths: Record<string, Json> = {};
  const source = document.paths as Record<string, Json>;
  for (const { method, path } of operations) {
    const item = source[path];
    if (!item) throw new Error(`${method} ${path} is not in the spec`);
    const kept: Json = paths[path] ?? (item.parameters === undefined ? {} : { parameters: item.parameters });
    kept[method.toLowerCase()] = item[method.toLowerCase()];
    paths[path] = kept;
  }
  return { ...document, paths, components: reachableComponents(paths, (document.components ?? {}) as Record<string, Json>) };
}

/** The components `root` refers to, transitively, by kind (`schemas`, `parameters`, ...). */
function reachableComponents(root: unknown, components: Record<string, Json>): Record<string, Json> {
  const kept: Record<string, Json> = {};
  const pending: unknown[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) pending.push(...node);
    else if (typeof node === 'object' && node !== null) {
      const ref = (node as Json).$ref;
      const match = typeof ref === 'string' ? /^#\/components\/([^/]+)\/(.+)$/.exec(ref) : null;
      if (match) {
        const [, kind = '', escaped = ''] = match;
        const name = decodeURIComponent(escaped).replace(/~1/g, '/').replace(/~0/g, '~');
        const ofKind = (kept[kind] ??= {});
        if (!(name in ofKind)) {
          const target = components[kind]?.[name];
          if (target === undefined) throw new Error(`unresolvable ${ref}`);
          ofKind[name] = target;
          pending.push(target);
        }
      }
      pending.push(...Object.values(node));
    }
  }
  return kept;
}
