import type { ReadOptions } from '../config/read-options.js';
import type { Tier } from '../tools/spec.js';
import type { ToolSelection } from '../tools/registry.js';

export function toolSelectionFrom({ values }: ReadOptions): ToolSelection {
  const toolsets = values.toolsets as string[] | undefined;
  return {
    tier: values.tier as Tier,
    ...(toolsets === undefined ? {} : { toolsets: toolsets.includes('all') ? 'all' : toolsets }),
    ...(values.include === undefined ? {} : { include: values.include as string[] }),
    ...(values.exclude === undefined ? {} : { exclude: values.exclude as string[] }),
  };
}
