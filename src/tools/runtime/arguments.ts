// A call's arguments, checked before a tool runs: first nothing that would break a validator (see
// argument-shape.ts), before anything is asked of Kibana; then no argument the tool does not take, the
// runtime's own `full`, and the tool's full validator.
import type { z } from 'zod';
import { argumentShapeProblems } from '../argument-shape.js';
import { errorResult } from '../error-results.js';
import { formatValidationError, typeName } from '../validation.js';
import { FULL_ARGUMENT } from '../write-answers.js';
import type { Tool, ToolResult } from './tool.js';

/** `full`: the call asked for the whole answer of a compact write. */
export type CheckedArguments = { ok: true; args: Record<string, unknown>; full: boolean } | { ok: false; result: ToolResult };

const validators = new WeakMap<Tool, Promise<z.ZodType<Record<string, unknown>>>>();

function validatorOf(tool: Tool): Promise<z.ZodType<Record<string, unknown>>> {
  let validator = validators.get(tool);
  if (!validator) {
    validator = tool.validator();
    validators.set(tool, validator);
  }
  return validator;
}

/** Arguments no validator can take (lone surrogates, nesting past the limit), whatever the tool's variant. */
export function malformedArguments(toolName: string, raw: Record<string, unknown> | undefined): ToolResult | undefined {
  const problems = argumentShapeProblems(raw ?? {});
  return problems.length > 0 ? errorResult(`Invalid arguments for ${toolName}:\n${problems.join('\n')}`) : undefined;
}

export async function checkArguments(tool: Tool, raw: Record<string, unknown> | undefined): Promise<CheckedArguments> {
  const invalid = (lines: string) => ({ ok: false as const, result: errorResult(`Invalid arguments for ${tool.name}:\n${lines}`) });
  const given = raw ?? {};
  const known = tool.inputSchema.properties ?? {};
  // Own properties only: `__proto__` or `constructor` sent as arguments are unknown arguments, not inherited ones.
  const unknown = Object.keys(given).filter((name) => !Object.hasOwn(known, name));
  if (unknown.length > 0) {
    const expected = Object.keys(known).join(', ') || '(none)';
    const names = unknown.map((name) => `"${name}"`).join(', ');
    return {
      ok: false,
      result: errorResult(
        `Invalid arguments for ${tool.name}: unknown argument${unknown.length > 1 ? 's' : ''} ${names}; expected only: ${expected}`,
      ),
    };
  }
  const { args, full } = takeFull(tool, given);
  if (full !== undefined && typeof full !== 'boolean') return invalid(`${FULL_ARGUMENT}: expected boolean, got ${typeName(full)}`);
  const parsed = (await validatorOf(tool)).safeParse(args, { reportInput: true });
  if (!parsed.success) return invalid(formatValidationError(parsed.error));
  return { ok: true, args: parsed.data, full: full === true };
}

/** `full` belongs to the runtime on a compact write: the tool's validator never sees it. */
function takeFull(tool: Tool, given: Record<string, unknown>): { args: Record<string, unknown>; full?: unknown } {
  if (!tool.answers?.compact || !Object.hasOwn(given, FULL_ARGUMENT)) return { args: given };
  const { [FULL_ARGUMENT]: full, ...args } = given;
  return { args, full };
}
