// Settings → which tools a configuration exposes.
import type { ToolSelection } from '../tools/registry.js';
import type { Settings } from './settings.js';

export function toolSelectionFrom({ tier, toolsets, include, exclude }: Settings): ToolSelection {
  return {
    tier,
    ...(toolsets === undefined ? {} : { toolsets: toolsets.includes('all') ? 'all' : toolsets }),
    ...(include === undefined ? {} : { include }),
    ...(exclude === undefined ? {} : { exclude }),
  };
}
