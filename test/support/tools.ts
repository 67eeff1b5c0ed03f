// Shared helpers for tests over generated tools: the full schema of a tool's validator and
// where the upstream spec lives.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { ToolSpec } from '../../src/tools/spec.js';

/** The JSON Schema of a tool's full Zod validator (never depth-limited). */
export function fullInputSchema(tool: ToolSpec): Record<string, unknown> {
  return z.toJSONSchema(tool.input(), { unrepresentable: 'any', cycles: 'ref', io: 'input' }) as Record<string, unknown>;
}

export const UPSTREAM_SPEC = resolve(import.meta.dirname, '../../../shared/openapi/kibana-8.18.yaml');
export const HAVE_UPSTREAM = existsSync(UPSTREAM_SPEC);
export const NO_UPSTREAM_REASON = `upstream spec not found at ${UPSTREAM_SPEC} (needs ../shared/openapi next to the repo)`;

// The reporter shows skipped tests only as a count: say once, loudly, why they are skipped.
if (!HAVE_UPSTREAM) console.warn(`Skipping the tests on the upstream Kibana spec: ${NO_UPSTREAM_REASON}`);
