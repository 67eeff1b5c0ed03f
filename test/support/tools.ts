// Shared helpers for tests over generated tools: every tool and variant, the full schema of a tool's
// validator, and where the upstream spec lives.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools } from '../../src/tools/registry.js';
import type { InputModule } from '../../src/schema/input-module.js';
import { validatorOf } from '../../src/schema/input-validators.js';
import type { ToolSpec } from '../../src/tools/spec.js';

/** Every generated tool as a server lists it without a Kibana version: one ToolSpec per name. Loaded once per test file. */
export const ALL_TOOLS: ToolSpec[] = await loadAllTools(generated);
export const { toolsets } = generated;
/** Every ToolSpec, all variants of each name (see `ToolSpec.versions`), oldest first per name. */
export const ALL_VARIANTS: ToolSpec[] = (await Promise.all(toolsets.map((toolset) => generated.loadToolset[toolset.id]!()))).flatMap(
  (module) => module.tools,
);

// Keyed by the loader: a ToolSpec copied from a variant (the registry's selection) keeps it.
const validators = new Map<ToolSpec['validator'], z.ZodType<Record<string, unknown>>>(
  await Promise.all(ALL_VARIANTS.map(async (tool) => [tool.validator, await tool.validator()] as const)),
);

/** A generated tool's full validator, loaded up front so that tests can use it synchronously. */
export function inputOf(tool: ToolSpec): z.ZodType<Record<string, unknown>> {
  const validator = validators.get(tool.validator);
  if (!validator) throw new Error(`${tool.name} is not a generated tool`);
  return validator;
}

// The generated inputs modules, to find the full (never depth-limited) input schema each validator was made from.
const INPUTS_DIR = resolve(import.meta.dirname, '../../src/tools/generated/inputs');
const inputModules: InputModule[] = await Promise.all(
  readdirSync(INPUTS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map(async (file) => ((await import(pathToFileURL(join(INPUTS_DIR, file)).href)) as { schemas: InputModule }).schemas),
);

const fullSchemas = new Map<ToolSpec['validator'], Record<string, unknown>>();

/** The full input schema of a tool (never depth-limited), with the component schemas it refers to under `components.schemas`. */
export function fullInputSchema(tool: ToolSpec): Record<string, unknown> {
  let schema = fullSchemas.get(tool.validator);
  if (!schema) {
    const validator = inputOf(tool);
    const module = inputModules.find(
      (candidate) => Object.hasOwn(candidate.inputs, tool.name) && validatorOf(candidate, tool.name) === validator,
    );
    if (!module) throw new Error(`no inputs module holds the validator of ${tool.name}`);
    schema = { ...module.inputs[tool.name]!.schema, components: { schemas: module.components } };
    fullSchemas.set(tool.validator, schema);
  }
  return schema;
}

export const UPSTREAM_SPEC = resolve(import.meta.dirname, '../../../shared/openapi/kibana-8.18.yaml');
export const HAVE_UPSTREAM = existsSync(UPSTREAM_SPEC);
export const NO_UPSTREAM_REASON = `upstream spec not found at ${UPSTREAM_SPEC} (needs ../shared/openapi next to the repo)`;

// The reporter shows skipped tests only as a count: say once, loudly, why they are skipped.
if (!HAVE_UPSTREAM) console.warn(`Skipping the tests on the upstream Kibana spec: ${NO_UPSTREAM_REASON}`);
