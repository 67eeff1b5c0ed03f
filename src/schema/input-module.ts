// The data of a generated inputs module: named root input schemas and the component schemas they
// refer to. Validators are converted from it on first use (input-validators.ts, loaded then with the
// converter: listing tools needs neither).
import type { Schema } from './schema.js';
import type { InputValidator } from './to-zod.js';

export interface InputSchema {
  /** A root `type: object` schema. */
  schema: Schema;
  /** Root properties that also accept numbers and booleans as their text (see ZodConverter.input). */
  textArgs?: string[];
}

export interface InputModule {
  inputs: Record<string, InputSchema>;
  components: Record<string, Schema>;
}

/** The validator of one input of a module that `load` imports (once, on the first call). */
export async function validatorFrom(load: () => Promise<{ schemas: InputModule }>, name: string): Promise<InputValidator> {
  const [{ schemas }, { validatorOf }] = await Promise.all([load(), import('./input-validators.js')]);
  return validatorOf(schemas, name);
}
