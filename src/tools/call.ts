// A generated tool as the runtime serves it: what tools/list shows, how its answers are shaped, and a
// call that loads its flow (call-spec.ts) the first time it runs.
import type { AnswerShaping, Tool } from './runtime/tool.js';
import type { ToolSpec } from './spec.js';

export function generatedTool(spec: ToolSpec): Tool {
  const { name, toolset, tier, description, inputSchema, annotations, validator } = spec;
  let answers: AnswerShaping | undefined;
  return {
    name,
    toolset,
    tier,
    description,
    inputSchema,
    annotations,
    // Read at call time: it needs the spec's call data, which a start does not read.
    get answers() {
      answers ??= answerShaping(spec);
      return answers;
    },
    validator,
    run: async (args, context) => (await import('./call-spec.js')).callSpec(spec, args, context),
  };
}

/**
 * Writes generated `compact` answer compactly (their schema carries `full`); reads whose `fields` travel
 * in the query keep only those fields.
 */
function answerShaping(spec: ToolSpec): AnswerShaping {
  if (!spec.annotations.readOnlyHint) return { compact: spec.writeAnswer === 'compact' };
  const fields = spec.request.params.find((param) => param.in === 'query' && param.name === 'fields');
  return fields ? { fields: fields.arg } : {};
}
