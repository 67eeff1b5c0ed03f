import type { JsonSchemaObject, ToolAnnotations } from './spec.js';

/** The parts of a tool that `tools/list` shows. */
export interface ListedToolSource {
  name: string;
  description: string;
  inputSchema: JsonSchemaObject;
  annotations: ToolAnnotations;
}

/** A tool as `tools/list` shows it: what the agent pays for in tokens, and nothing else. */
export interface ListedTool {
  name: string;
  title: string;
  description: string;
  inputSchema: JsonSchemaObject;
  annotations: ToolAnnotations;
}

export function listedTool(tool: ListedToolSource): ListedTool {
  return {
    name: tool.name,
    title: tool.annotations.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations,
  };
}
