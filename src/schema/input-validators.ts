// Validators converted from generated inputs modules, one converter per module so that a component
// used by several inputs is converted once.
import type { InputModule } from './input-module.js';
import { type InputValidator, ZodConverter } from './to-zod.js';

interface Converted {
  converter: ZodConverter;
  validators: Map<string, InputValidator>;
}

const converted = new WeakMap<InputModule, Converted>();

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
