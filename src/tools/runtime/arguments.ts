// A call's arguments, checked before a tool runs: no argument the tool does not take, then its full validator.
import type { z } from 'zod';
import { errorResult } from '../error-results.js';
import { formatValidationError } from '../validation.js';
import type { Tool, ToolResult } from './tool.js';

export type CheckedArguments = { ok: true; args: Record<string, unknown> } | { ok: false; result: ToolResult };

const validators = new WeakMap<Tool, Promise<z.ZodType<Record<string, unknown>>>>();

function validatorOf(tool: Tool): Promise<z.ZodType<Record<string, unknown>>> {
  let validator = validators.get(tool);
  if (!validator) {
    validator = tool.validator();
    validators.set(tool, validator);
  }
  return validator;
}

export async function checkArguments(tool: Tool, raw: Record<string, unknown> | undefined): Promise<CheckedArguments> {
  const args = raw ?? {};
  const known = tool.inputSchema.properties ?? {};
  // Own properties only: `__proto__` or `constructor` sent as arguments are unknown arguments, not inherited ones.
  const unknown = Object.keys(args).filter((name) => !Object.hasOwn(known, name));
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
  const parsed = (await validatorOf(tool)).safeParse(args, { reportInput: true });
  if (!parsed.success)
    return { ok: false, result: errorResult(`Invalid arguments for ${tool.name}:\n${formatValidationError(parsed.error)}`) };
  return { ok: true, args: parsed.data };
}
