// A plain generated read tool for tests that build ToolSpecs or their data by hand: what it lists and
// how it calls Kibana (GET /api/<name>). Each test adds the fields it is about.
import type { ToolSpec } from '../../src/tools/spec.js';

export const readToolListing = (name: string, toolset: string) =>
  ({
    name,
    toolset,
    tier: 'read',
    description: `Reads ${name}.`,
    annotations: { title: name, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    spaceAware: false,
    inputSchema: { type: 'object', properties: {} },
  }) satisfies Partial<ToolSpec>;

export const readToolCall = (name: string) =>
  ({
    request: { method: 'GET', path: `/api/${name}`, params: [] },
    operation: { method: 'GET', path: `/api/${name}` },
  }) satisfies Partial<ToolSpec>;
