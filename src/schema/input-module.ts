// The data of a generated inputs module: named root input schemas and the component schemas they
// refer to. Validators are converted from it on first use, sharing one converter per module so a
// component used by several inputs is converted once.
import type { Schema } from './schema.js';
import { ZodConverter, type InputValidator } from './to-zod.js';

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

interface Converted {
  converter: ZodConverter;
  validators: Map<string, InputValidator>;
}

const converted = new WeakMap<InputModule, Converted>();

/** The validator of one input of a module that `load` imports (once, on the first call). */
export async function validatorFrom(load: () => Promise<{ schemas: InputModule }>, name: string): Promise<InputValidator> {
  return validatorOf((await load()).schemas, name);
}

export function validatorOf(module: InputModule, name: string): InputValidator {
  let entry = converted.get(module);
  if (!entry) {
    const { components } = module;
    entry = {
      converter: new ZodConverter((component) => (Object.hasOwn(components, component) ? components[component] : undefined)),
      validators: new Map(),
    };
    converted.set(module, entry);
  }
  let validator = entry.validators.get(name);
  if (!validator) {
    const input = Object.hasOwn(module.inputs, name) ? module.inputs[name] : undefined;
    if (!input) throw new Error(`no input schema named ${name}`);
    validator = entry.converter.input(input.schema, input.textArgs);
    entry.validators.set(name, validator);
  }
  return validator;
}
