// Generation: `openapi/kibana.yaml` + `openapi/toolsets.yaml` → the source files of
// `src/tools/generated/` (file name → text). Pure: reading and writing happen in the CLI.
import { parse } from 'yaml';
import { advertise } from './advertised-schema.js';
import { toolTokens } from './tokens.js';
import { componentIdentifiers, indexModule, moduleName, schemasModule, toolsetModule, type EmittedTool } from './emit-modules.js';
import { ComponentStore, type OperationFacts } from './facts.js';
import { buildToolModel, finalDescription } from './input-model.js';
import { isObject, type JsonObject } from './json.js';
import type { Toolset } from './toolsets.js';
import type { HttpMethod } from '../kibana/http.js';

export interface GenerateResult {
  files: Map<string, string>;
  /** Selected tools that could not be generated, with the reason. */
  skipped: Array<{ tool: string; reason: string }>;
}

export function generateFromText(kibanaYaml: string, toolsets: Toolset[]): GenerateResult {
  const document: unknown = parse(kibanaYaml);
  if (!isObject(document) || !isObject(document.paths)) throw new Error('kibana.yaml: not an OpenAPI document');
  return generate(document, toolsets);
}

export function generate(document: JsonObject, toolsets: Toolset[]): GenerateResult {
  const schemas = isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {};
  const components = new ComponentStore((name) => (isObject(schemas[name]) ? schemas[name] : undefined));
  const skipped: GenerateResult['skipped'] = [];
  const emitted = toolsets.map((toolset) => ({
    toolset,
    tools: toolset.tools.flatMap((entry): EmittedTool[] => {
      try {
        const facts = operationFacts(document, entry.method, entry.path);
        const model = buildToolModel(facts, entry, components);
        const advertised = advertise(model, components);
        const shown = { ...advertised, description: finalDescription(advertised.description, model.tier) };
        return [{ model, advertised: { ...shown, tokens: toolTokens({ ...model, ...shown }) } }];
      } catch (error) {
        skipped.push({ tool: entry.name, reason: (error as Error).message });
        return [];
      }
    }),
  }));
  const used = components.reachableFrom(emitted.flatMap(({ tools }) => tools.map((tool) => tool.model.input)));
  const identifier = componentIdentifiers(used);
  const files = new Map<string, string>();
  for (const { toolset, tools } of emitted) files.set(`${moduleName(toolset)}.ts`, toolsetModule(tools, identifier));
  files.set(
    'schemas.ts',
    schemasModule(
      used.map((name) => [name, components.get(name) as JsonObject]),
      identifier,
    ),
  );
  const names = new Map(emitted.map(({ toolset, tools }) => [toolset.id, tools.map(({ model }) => model.name)]));
  files.set(
    'index.ts',
    indexModule(toolsets, (toolset) => names.get(toolset.id) ?? []),
  );
  return { files, skipped };
}

function operationFacts(document: JsonObject, method: HttpMethod, path: string): OperationFacts {
  const item = isObject(document.paths) ? document.paths[path] : undefined;
  const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
  if (!isObject(operation)) throw new Error(`${method} ${path} is not in openapi/kibana.yaml (run npm run openapi:extract)`);
  return { method, path, operation };
}
