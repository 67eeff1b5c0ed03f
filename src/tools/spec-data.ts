// A generated toolset's tools, read from its JSON data file (src/tools/generated/<toolset>.json:
// JSON parses several times faster than the same data as a module), made ToolSpecs here by giving
// each the validator of its inputs module.
import { readFileSync } from 'node:fs';
import { type InputModule, validatorFrom } from '../schema/input-module.js';
import type { ToolSpec } from './spec.js';

export type ToolSpecData = Omit<ToolSpec, 'validator'> & {
  /** Which of the toolset's inputs modules holds this tool's full input schema. */
  inputsFrom: string;
};

/** What a toolset's data file holds. */
export interface ToolsetData {
  generatedBy: string;
  tools: ToolSpecData[];
}

export type InputModules = Record<string, () => Promise<{ schemas: InputModule }>>;

const loaded = new Map<string, { tools: ToolSpec[] }>();

/**
 * The tools of the data file at `data`, validated by `inputs`: read once, the same ToolSpecs each
 * time after, as a module's would be. Read synchronously: an asynchronous read is four trips
 * through libuv's thread pool (open, stat, read, close), which took a start that reads every
 * toolset about 5 ms longer.
 */
export async function toolsetFrom(data: URL, inputs: InputModules): Promise<{ tools: ToolSpec[] }> {
  let toolset = loaded.get(data.href);
  if (toolset === undefined) {
    toolset = { tools: toolSpecs(inputs, (JSON.parse(readFileSync(data, 'utf8')) as ToolsetData).tools) };
    loaded.set(data.href, toolset);
  }
  return toolset;
}

function toolSpecs(inputs: InputModules, data: readonly ToolSpecData[]): ToolSpec[] {
  return data.map(({ inputsFrom, ...spec }) => {
    const load = inputs[inputsFrom];
    if (load === undefined) throw new Error(`${spec.name}: no inputs module ${inputsFrom}`);
    return { ...spec, validator: () => validatorFrom(load, spec.name) };
  });
}
