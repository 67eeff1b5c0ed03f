// The intermediate model between extraction and generation: facts-only operations and the
// component schemas they refer to (always normalised, see normalize-schema.ts).
import type { HttpMethod } from '../kibana/http.js';
import { componentName, isObject, type JsonObject } from './json.js';

export interface OperationFacts {
  method: HttpMethod;
  path: string;
  /** A facts-only OpenAPI operation object (as written to `openapi/kibana.yaml`). */
  operation: JsonObject;
}

/** Component schemas by name, produced on first use. */
export class ComponentStore {
  private readonly cache = new Map<string, JsonObject | undefined>();

  constructor(private readonly produce: (name: string) => JsonObject | undefined) {}

  get(name: string): JsonObject | undefined {
    if (!this.cache.has(name)) this.cache.set(name, this.produce(name));
    return this.cache.get(name);
  }

  /** Follows component references until a schema that is not one. */
  resolve(schema: JsonObject): JsonObject {
    const seen = new Set<string>();
    let current = schema;
    for (let name = refName(current); name !== undefined; name = refName(current)) {
      if (seen.has(name)) throw new Error(`component schema ${name} refers only to itself`);
      seen.add(name);
      const target = this.get(name);
      if (!target) throw new Error(`component schema ${name} is missing`);
      current = target;
    }
    return current;
  }

  /** Names of all component schemas reachable from `roots`, sorted. */
  reachableFrom(roots: unknown[]): string[] {
    const found = new Set<string>();
    const pending = [...roots];
    while (pending.length > 0) {
      const node = pending.pop();
      if (Array.isArray(node)) pending.push(...node);
      else if (isObject(node)) {
        const name = refName(node);
        if (name !== undefined && !found.has(name)) {
          found.add(name);
          const target = this.get(name);
          if (!target) throw new Error(`component schema ${name} is missing`);
          pending.push(target);
        }
        pending.push(...Object.values(node));
      }
    }
    return [...found].sort();
  }
}

export function refName(schema: JsonObject): string | undefined {
  return typeof schema.$ref === 'string' ? componentName(schema.$ref) : undefined;
}
