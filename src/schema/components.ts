// Component schemas by name, produced on first use (normalised from a spec, or read from generated data).
import { refName } from './refs.js';
import type { Schema } from './schema.js';
import { reachableComponents } from './walk.js';

export class ComponentStore {
  private readonly cache = new Map<string, Schema | undefined>();

  constructor(private readonly produce: (name: string) => Schema | undefined) {}

  get(name: string): Schema | undefined {
    if (!this.cache.has(name)) this.cache.set(name, this.produce(name));
    return this.cache.get(name);
  }

  /** The component of that name; throws when it does not exist. */
  require(name: string): Schema {
    const schema = this.get(name);
    if (!schema) throw new Error(`component schema ${name} is missing`);
    return schema;
  }

  /** Follows component references until a schema that is not one. */
  resolve(schema: Schema): Schema {
    const seen = new Set<string>();
    let current = schema;
    for (let name = refName(current); name !== undefined; name = refName(current)) {
      if (seen.has(name)) throw new Error(`component schema ${name} refers only to itself`);
      seen.add(name);
      current = this.require(name);
    }
    return current;
  }

  /** Names of all component schemas reachable from `roots`, sorted; throws when one is missing. */
  reachableFrom(roots: Schema[]): string[] {
    return reachableComponents(roots, (name) => this.require(name));
  }
}
