// Shared helpers for tests over generated tools: the full schema of a tool's validator and
// where the upstream spec lives.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import * as generated from '../../src/tools/generated/index.js';
import { loadAllTools } from '../../src/tools/registry.js';
import type { ToolSpec } from '../../src/tools/spec.js';

/** Every generated tool, loaded once per test file. */
export const ALL_TOOLS: ToolSpec[] = await loadAllTools(generated);
export const { toolsets } = generated;

const validators = new Map<ToolSpec, z.ZodType<Record<string, unknown>>>(
  await Promise.all(ALL_TOOLS.map(async (tool) => [tool, await tool.validator()] as const)),
);

/** A generated tool's full validator, loaded up front so that tests can use it synchronously. */
export function inputOf(tool: ToolSpec): z.ZodType<Record<string, unknown>> {
  const validator = validators.get(tool);
  if (!validator) throw new Error(`${tool.name} is not a generated tool`);
  return validator;
}

const fullSchemas = new Map<ToolSpec, Record<string, unknown>>();

/** The JSON Schema of a tool's full Zod validator (never depth-limited), made once per tool. */
export function fullInputSchema(tool: ToolSpec): Record<string, unknown> {
  let schema = fullSchemas.get(tool);
  if (!schema) {
    schema = z.toJSONSchema(inputOf(tool), { unrepresentable: 'any', cycles: 'ref', io: 'input' }) as Record<string, unknown>;
    fullSchemas.set(tool, schema);
  }
  return schema;
}

export const UPSTREAM_SPEC = resolve(import.meta.dirname, '../../../shared/openapi/kibana-8.18.yaml');
export const HAVE_UPSTREAM = existsSync(UPSTREAM_SPEC);
export const NO_UPSTREAM_REASON = `upstream spec not found at ${UPSTREAM_SPEC} (needs ../shared/openapi next to the repo)`;

// The reporter shows skipped tests only as a count: say once, loudly, why they are skipped.
if (!HAVE_UPSTREAM) console.warn(`Skipping the tests on the upstream Kibana spec: ${NO_UPSTREAM_REASON}`);
