// Resolves the `$ref`s of one OpenAPI document: local JSON pointers (`#/components/...`) only, as
// Kibana's specs use. Any other reference is an error for the operation that needs it.

export type RefResolver = (ref: string) => unknown;

export function localRefResolver(document: unknown): RefResolver {
  return (ref) => {
    if (ref === '#') return document;
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}: only local references (#/...) are read`);
    let node = document;
    for (const token of ref.slice(2).split('/')) {
      const key = decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) throw new Error(`unresolvable $ref ${ref}`);
      node = (node as Record<string, unknown>)[key];
    }
    return node;
  };
}
