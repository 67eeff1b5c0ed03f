// A flat panel ready for a writer: its id, its place, and the data view it reads.
import type { DataViewInfo } from './data-view.js';
import type { FlatPanel, Placement } from './flat.js';

export interface ResolvedPanel {
  id: string;
  grid: Placement;
  panel: FlatPanel;
  /** Absent for markdown. */
  view?: DataViewInfo;
}

/** Tags as the writers store them: by the id Kibana gave each. */
export interface ResolvedTag {
  id: string;
  name: string;
}

/** What the readers need to speak in names instead of ids. */
export interface ReadLookups {
  dataViewTitle?: (id: string) => string | undefined;
  tagName?: (id: string) => string | undefined;
  /** A data view's time field: a date histogram over it reads back without naming the field. */
  timeFieldOf?: (id: string) => string | undefined;
}

export function requireView(resolved: ResolvedPanel): DataViewInfo {
  if (!resolved.view) throw new Error(`panel ${resolved.id}: a ${resolved.panel.chart} needs its data view resolved before writing`);
  return resolved.view;
}
