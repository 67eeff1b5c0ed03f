// The operations of one Kibana version as the three full-API tools use them: indexed for search and
// path matching, with each operation's input schema and validator made on its first call.
import type { Catalogue } from '../catalogue/load.js';
import type { CatalogueOperation } from '../catalogue/model.js';
import { ComponentStore } from '../schema/components.js';
import { type ComponentLookup, type InputValidator, ZodConverter } from '../schema/to-zod.js';
import { type ApiIndex, indexCatalogue } from './api-index.js';
import type { CatalogueEntry } from './catalogue.js';
import { openedComponents, openIntersections } from './open-intersections.js';
import { type OperationInput, operationInput } from './operation-input.js';

export class ApiOperations {
  readonly index: ApiIndex;
  readonly #byEntry: ReadonlyMap<CatalogueEntry, CatalogueOperation>;
  readonly #components = new Map<string, ComponentStore>();
  readonly #converters = new Map<string, ZodConverter>();
  readonly #inputs = new WeakMap<CatalogueOperation, OperationInput>();
  readonly #validators = new WeakMap<CatalogueOperation, InputValidator>();
  readonly #lookups = new Map<string, ComponentLookup>();

  constructor(readonly catalogue: Catalogue) {
    this.index = indexCatalogue(catalogue.operations);
    this.#byEntry = new Map(catalogue.operations.map((operation) => [operation, operation]));
  }

  /** The operation an index entry stands for. */
  operation(entry: CatalogueEntry): CatalogueOperation {
    const operation = this.#byEntry.get(entry);
    if (!operation) throw new Error(`${entry.method} ${entry.path} is not an operation of this catalogue`);
    return operation;
  }

  /** The component schemas the operation's schemas refer to. */
  components(operation: CatalogueOperation): ComponentStore {
    let store = this.#components.get(operation.spec);
    if (!store) {
      store = new ComponentStore(this.#lookup(operation.spec));
      this.#components.set(operation.spec, store);
    }
    return store;
  }

  input(operation: CatalogueOperation): OperationInput {
    let input = this.#inputs.get(operation);
    if (!input) {
      input = operationInput(operation, this.components(operation));
      input.schema = openIntersections(input.schema, this.#lookup(operation.spec));
      this.#inputs.set(operation, input);
    }
    return input;
  }

  /** A spec's component schemas, their closed intersection parts opened (see open-intersections.ts). */
  #lookup(spec: string): ComponentLookup {
    let lookup = this.#lookups.get(spec);
    if (!lookup) {
      lookup = openedComponents(this.catalogue.components(spec));
      this.#lookups.set(spec, lookup);
    }
    return lookup;
  }

  /** The full check of a call's `path_params`, `query` and `body`; one converter per spec, so shared components convert once. */
  validator(operation: CatalogueOperation): InputValidator {
    let validator = this.#validators.get(operation);
    if (!validator) {
      let converter = this.#converters.get(operation.spec);
      if (!converter) {
        converter = new ZodConverter(this.#lookup(operation.spec));
        this.#converters.set(operation.spec, converter);
      }
      validator = converter.input(this.input(operation).schema);
      this.#validators.set(operation, validator);
    }
    return validator;
  }
}
