// The generate stage: `openapi/kibana.yaml` + `openapi/toolsets.yaml` → the source files of
// `src/tools/generated/` (relative file name → text). Pure: reading and writing happen in the CLI.
import { parseDocument } from '../openapi/document.js';
import { SpecReader } from '../openapi/spec-reader.js';
import { advertise } from './advertised-schema.js';
import { INPUTS_DIR, indexModule, inputsModule, moduleName, toolsetModule, type EmittedTool } from './emit-modules.js';
import { PATHS } from './paths.js';
import { buildToolModel, finalDescription } from './tool-model.js';
import { toolTokens } from './tokens.js';
import type { Toolset } from './toolsets.js';

export interface GenerateResult {
  files: Map<string, string>;
  /** Selected tools that could not be generated, with the reason. */
  skipped: Array<{ tool: string; reason: string }>;
}

export function generateFromText(factsYaml: string, toolsets: Toolset[]): GenerateResult {
  // The facts document's descriptions are the team's own (see extract), so they are kept.
  const reader = new SpecReader(parseDocument(factsYaml, PATHS.kibanaSpec), { keepDescriptions: true });
  const { components } = reader;
  const skipped: GenerateResult['skipped'] = [];
  const files = new Map<string, string>();
  const names = new Map<string, string[]>();
  for (const toolset of toolsets) {
    const tools = toolset.tools.flatMap((entry): EmittedTool[] => {
      try {
        if (!reader.has(entry.method, entry.path))
          throw new Error(`${entry.method} ${entry.path} is not in ${PATHS.kibanaSpec} (run npm run openapi:extract)`);
        const model = buildToolModel(reader.operation(entry.method, entry.path), entry, components);
        const advertised = advertise(model, components);
        const shown = { ...advertised, description: finalDescription(advertised.description, model.tier) };
        return [{ model, advertised: { ...shown, tokens: toolTokens({ ...model, ...shown }) } }];
      } catch (error) {
        skipped.push({ tool: entry.name, reason: (error as Error).message });
        return [];
      }
    });
    const used = components.reachableFrom(tools.map(({ model }) => model.input));
    files.set(`${moduleName(toolset)}.ts`, toolsetModule(toolset, tools));
    files.set(
      `${INPUTS_DIR}/${moduleName(toolset)}.ts`,
      inputsModule(
        tools,
        used.map((name) => [name, components.require(name)]),
      ),
    );
    names.set(
      toolset.id,
      tools.map(({ model }) => model.name),
    );
  }
  files.set(
    'index.ts',
    indexModule(toolsets, (toolset) => names.get(toolset.id) ?? []),
  );
  return { files, skipped };
}
