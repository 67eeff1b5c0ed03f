// A generated toolset's tools, read from its two JSON data files: `<toolset>.json`, what listing and
// selecting the tools needs, read when the toolset is selected; `<toolset>.calls.json`, how each tool
// calls Kibana, read with the toolset's first call. JSON parses several times faster than the same
// data as a module, and a start then parses only what `tools/list` shows. ToolSpecs are made here,
// each with the validator of its inputs module and its call data behind getters.
import { readFileSync } from 'node:fs';
import { type InputModule, validatorFrom } from '../schema/input-module.js';
import type { ToolSpec } from './spec.js';

const CALL_FIELDS = ['request', 'operation', 'writeAnswer', 'keepsExisting'] as const satisfies ReadonlyArray<keyof ToolSpec>;

/** What a tool's calls need of it and nothing lists: its toolset's calls file holds these. */
export type ToolCallData = Pick<ToolSpec, (typeof CALL_FIELDS)[number]>;

export type ToolSpecData = Omit<ToolSpec, 'validator' | keyof ToolCallData> & {
  /** Which of the toolset's inputs modules holds this tool's full input schema. */
  inputsFrom: string;
};

/** What a toolset's data file holds. */
export interface ToolsetData {
  generatedBy: string;
  tools: ToolSpecData[];
}

/** What a toolset's calls file holds: one entry per tool of its data file, in the same order, named alike. */
export interface ToolsetCalls {
  generatedBy: string;
  calls: Array<ToolCallData & { name: string }>;
}

export interface ToolsetFiles {
  data: URL;
  calls: URL;
}

export type InputModules = Record<string, () => Promise<{ schemas: InputModule }>>;

const loaded = new Map<string, { tools: ToolSpec[] }>();

/**
 * The tools of a toolset's files, validated by `inputs`: read once, the same ToolSpecs each time
 * after, as a module's would be. Read synchronously: an asynchronous read is four trips through
 * libuv's thread pool (open, stat, read, close), which took a start that reads every toolset about
 * 5 ms longer; the calls file is read by the first getter of a call field that runs.
 */
export async function toolsetFrom(files: ToolsetFiles, inputs: InputModules): Promise<{ tools: ToolSpec[] }> {
  let toolset = loaded.get(files.data.href);
  if (toolset === undefined) {
    const { tools } = readJson<ToolsetData>(files.data);
    let calls: ToolsetCalls['calls'] | undefined;
    const callsOf = () => (calls ??= checkedCalls(files.calls, tools));
    toolset = { tools: tools.map((data, index) => toolSpec(data, inputs, () => callsOf()[index]!)) };
    loaded.set(files.data.href, toolset);
  }
  return toolset;
}

const CALL = Symbol('call data');

/** The call fields of every spec, read through the spec's own CALL: getters shared by all, not made per spec. */
const CALL_GETTERS: PropertyDescriptorMap = Object.fromEntries(
  CALL_FIELDS.map((field) => [
    field,
    {
      enumerable: true,
      get(this: { [CALL]: () => ToolCallData }) {
        return this[CALL]()[field];
      },
    },
  ]),
);

function toolSpec({ inputsFrom, ...listed }: ToolSpecData, inputs: InputModules, call: () => ToolCallData): ToolSpec {
  const load = inputs[inputsFrom];
  if (load === undefined) throw new Error(`${listed.name}: no inputs module ${inputsFrom}`);
  const spec = { ...listed, validator: () => validatorFrom(load, listed.name), [CALL]: call };
  return Object.defineProperties(spec, CALL_GETTERS) as unknown as ToolSpec;
}

/** The calls file, which must match the data file entry for entry: call data taken for another tool would send that tool's request. */
function checkedCalls(file: URL, tools: readonly ToolSpecData[]): ToolsetCalls['calls'] {
  const { calls } = readJson<ToolsetCalls>(file);
  const mismatch = tools.findIndex((tool, index) => calls[index]?.name !== tool.name);
  if (mismatch >= 0 || calls.length !== tools.length) {
    throw new Error(
      `${file.pathname}: does not match its toolset's data (entry ${mismatch >= 0 ? mismatch : tools.length}); run npm run generate`,
    );
  }
  return calls;
}

function readJson<T>(file: URL): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
