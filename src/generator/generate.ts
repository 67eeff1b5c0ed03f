// The generate stage: the facts documents (`openapi/facts/*.yaml`) + `openapi/toolsets.yaml` → the
// source files of `src/tools/generated/` (relative file name → text). Pure: reading and writing
// happen in the CLI. A tool name gets one ToolSpec per variant (see variants.ts).
import { canonicalKey } from '../kibana/spaces.js';
import { parseDocument } from '../openapi/document.js';
import { SpecReader } from '../openapi/spec-reader.js';
import { advertise } from './advertised-schema.js';
import { callsPath, dataPath, indexModule, inputsModule, inputsPath, toolsetCalls, toolsetData, type EmittedTool } from './emit-modules.js';
import { buildToolModel, finalDescription } from './tool-model.js';
import { toolTokens } from './tokens.js';
import type { ToolEntry, Toolset } from './toolsets.js';
import { mergeVariants, type Variant } from './variants.js';
import { keepsExistingOf, withFullArgument } from './write-answer.js';

export interface FactsText {
  /** The spec id, as openapi/specs.yaml names it. */
  spec: string;
  text: string;
}

export interface GenerateResult {
  files: Map<string, string>;
  /** Selected tools that could not be generated, with the reason. */
  skipped: Array<{ tool: string; reason: string }>;
}

/** `facts` oldest spec first, as openapi/specs.yaml lists them. */
export function generateFromFacts(facts: FactsText[], toolsets: Toolset[]): GenerateResult {
  // The facts documents' descriptions are the team's own (see extract), so they are kept.
  const documents = facts.map(({ spec, text }) => {
    const reader = new SpecReader(parseDocument(text, spec), { keepDescriptions: true });
    return { spec, reader, paths: new Map(reader.operations().map(({ method, path }) => [canonicalKey(method, path), path])) };
  });
  const skipped: GenerateResult['skipped'] = [];
  const files = new Map<string, string>();
  const names = new Map<string, string[]>();
  const specs = new Map<string, string[]>();
  for (const toolset of toolsets) {
    const tools: EmittedTool[] = [];
    for (const [name, entries] of byName(toolset.tools)) {
      try {
        const candidates = entries.flatMap((entry) =>
          documents.flatMap(({ spec, reader, paths }): Variant[] => {
            const path = paths.get(canonicalKey(entry.method, entry.path));
            if (path === undefined) return [];
            const model = buildToolModel(reader.operation(entry.method, path), entry, reader.components);
            const readPath = entry.keepsExisting && paths.get(canonicalKey('GET', entry.keepsExisting.read.path));
            const keepsExisting = keepsExistingOf(
              entry,
              model,
              reader.components,
              readPath ? reader.operation('GET', readPath) : undefined,
            );
            if (keepsExisting) model.keepsExisting = keepsExisting;
            return [{ spec, model, components: reader.components }];
          }),
        );
        if (candidates.length === 0)
          throw new Error(
            `no facts document has ${entries.map((e) => `${e.method} ${e.path}`).join(' or ')} (run npm run openapi:extract)`,
          );
        for (const variant of mergeVariants(candidates)) {
          // `full` joins after the depth limit is chosen: a small cost of every compact write, it hides none of its own arguments.
          const advertised = advertise(variant.model, variant.components);
          const shown = {
            description: finalDescription(advertised.description, variant.model.tier),
            inputSchema: withFullArgument(advertised.inputSchema, variant.model.writeAnswer),
          };
          tools.push({ ...variant, advertised: { ...shown, tokens: toolTokens({ ...variant.model, ...shown }) } });
        }
      } catch (error) {
        skipped.push({ tool: name, reason: (error as Error).message });
      }
    }
    files.set(dataPath(toolset), toolsetData(tools));
    files.set(callsPath(toolset), toolsetCalls(tools));
    for (const { spec, reader } of documents) {
      const own = tools.filter((tool) => tool.spec === spec);
      if (own.length === 0) continue;
      const used = reader.components.reachableFrom(own.map(({ model }) => model.input));
      files.set(
        inputsPath(toolset, spec),
        inputsModule(
          own,
          used.map((component) => [component, reader.components.require(component)]),
        ),
      );
    }
    names.set(toolset.id, [...new Set(tools.map(({ model }) => model.name))]);
    specs.set(toolset.id, [...new Set(tools.map((tool) => tool.spec))]);
  }
  files.set(
    'index.ts',
    indexModule(
      toolsets,
      (toolset) => names.get(toolset.id) ?? [],
      (toolset) => specs.get(toolset.id) ?? [],
    ),
  );
  return { files, skipped };
}

function byName(entries: ToolEntry[]): Map<string, ToolEntry[]> {
  const groups = new Map<string, ToolEntry[]>();
  for (const entry of entries) groups.set(entry.name, [...(groups.get(entry.name) ?? []), entry]);
  return groups;
}
