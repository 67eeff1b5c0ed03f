// The facts of one OpenAPI document: its operations by method + path, read on demand with failures
// isolated per operation, and its component schemas, normalised on first use.
import { ComponentStore } from '../schema/components.js';
import { HTTP_METHODS, operationKey, type HttpMethod } from '../kibana/http.js';
import type { OpenApiDocument } from './document.js';
import { isObject } from './json.js';
import { operationSchemas, type Operation } from './model.js';
import { normalizeSchema, type NormalizeOptions } from './normalize-schema.js';
import { OperationReader, type UpstreamOperation } from './read-operation.js';
import { addedInVersion } from './x-state.js';

export class SpecReader {
  /** The document's `info.version`. */
  readonly version: string;
  readonly components: ComponentStore;
  private readonly upstream = new Map<string, UpstreamOperation>();
  private readonly reader: OperationReader;

  constructor({ document, resolveRef }: OpenApiDocument, options: NormalizeOptions = {}) {
    const info = isObject(document.info) ? document.info : {};
    this.version = typeof info.version === 'string' ? info.version : 'unknown';
    const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
    this.components = new ComponentStore((name) =>
      Object.hasOwn(schemas, name) ? normalizeSchema(schemas[name], resolveRef, options) : undefined,
    );
    this.reader = new OperationReader(resolveRef, options);
    for (const [path, pathItem] of Object.entries(isObject(document.paths) ? document.paths : {})) {
      if (!isObject(pathItem)) continue;
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method.toLowerCase()];
        if (isObject(operation)) this.upstream.set(operationKey(method, path), { method, path, pathItem, operation });
      }
    }
  }

  /** The document's operations, in its order, with the version their `x-state` says they were added in. */
  operations(): Array<{ method: HttpMethod; path: string; addedIn?: string }> {
    return [...this.upstream.values()].map(({ method, path, operation }) => {
      const addedIn = addedInVersion(operation['x-state']);
      return addedIn === undefined ? { method, path } : { method, path, addedIn };
    });
  }

  has(method: HttpMethod, path: string): boolean {
    return this.upstream.has(operationKey(method, path));
  }

  /** The facts of one operation; throws with the reason when it, or a component schema it needs, is absent or cannot be read. */
  operation(method: HttpMethod, path: string): Operation {
    const upstream = this.upstream.get(operationKey(method, path));
    if (!upstream) throw new Error(`${operationKey(method, path)} is not in the spec`);
    const facts = this.reader.read(upstream);
    // Components are normalised on first use: those this operation needs are read now, so a broken one fails this operation only.
    this.components.reachableFrom(operationSchemas(facts));
    return facts;
  }
}
