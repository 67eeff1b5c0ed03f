// The `dashboard` saved object of Kibana 8.6 up to 9.4: flat → attributes and references, the
// reverse reading, and flat patches that keep every byte they do not change.
import type { DataViewInfo } from '../data-view.js';
import type { DescribedDashboard, DescribedPanel, FlatDashboard, FlatFilter, FlatPanel, FlatPatch, KeptItem, Placement } from '../flat.js';
import { asArray, asRecord } from '../json.js';
import { placePanels } from '../layout.js';
import { applyPanelPlan, type PanelPlan, touchesPanels } from '../patch-plan.js';
import type { ReadLookups, ResolvedTag } from '../resolved.js';
import { flatFilter, storedFilter } from './filters.js';
import { readLens } from './lens-read.js';
import { layerReferenceName, lensAttributes } from './lens-write.js';
import { MARKDOWN_PANEL_TYPE, markdownEmbeddableConfig, readMarkdown } from './markdown.js';

export interface Reference {
  name: string;
  type: string;
  id: string;
}

export interface DashboardSavedObject {
  attributes: Record<string, unknown>;
  references: Reference[];
}

export interface SavedObjectWriteContext {
  /** Data views by the reference the panels give (title or id). */
  views: ReadonlyMap<string, DataViewInfo>;
  tags: readonly ResolvedTag[];
  newId: () => string;
}

const TAG_TYPE = 'tag';
const DEFAULT_OPTIONS = { useMargins: true, syncColors: false, syncCursor: true, syncTooltips: false, hidePanelTitles: false };

/** A stored panel with the dashboard references that belong to it. */
interface PanelWithReferences {
  panel: Record<string, unknown>;
  references: Reference[];
}

export function writeSavedObjectDashboard(flat: FlatDashboard, context: SavedObjectWriteContext): DashboardSavedObject {
  const grids = placePanels([], flat.panels);
  const panels = flat.panels.map((panel, i) => storedPanel(panel, context.newId(), grids[i] as Placement, context));
  return {
    attributes: {
      title: flat.title,
      description: flat.description ?? '',
      panelsJSON: JSON.stringify(panels.map(({ panel }) => panel)),
      optionsJSON: JSON.stringify(DEFAULT_OPTIONS),
      ...timeAttributes(flat.time_range),
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify(searchSource({}, flat.query, flat.filters ?? [], [])) },
    },
    references: [...panels.flatMap(({ references }) => references), ...tagReferences(context.tags)],
  };
}

function storedPanel(panel: FlatPanel, id: string, grid: Placement, context: SavedObjectWriteContext): PanelWithReferences {
  const gridData = { ...grid, i: id };
  if (panel.chart === 'markdown') {
    return {
      panel: { type: MARKDOWN_PANEL_TYPE, gridData, panelIndex: id, embeddableConfig: markdownEmbeddableConfig(panel) },
      references: [],
    };
  }
  const view = panel.data_view ? context.views.get(panel.data_view) : undefined;
  const attributes = lensAttributes({ id, grid, panel, view });
  const references = asArray(attributes.references).map((item) => {
    const reference = item as Reference;
    return { ...reference, name: `${id}:${reference.name}` };
  });
  return { panel: { type: 'lens', gridData, panelIndex: id, embeddableConfig: { attributes, enhancements: {} } }, references };
}

function timeAttributes(range: FlatDashboard['time_range'] | null): Record<string, unknown> {
  return range ? { timeRestore: true, timeFrom: range.from, timeTo: range.to } : { timeRestore: false };
}

function searchSource(current: Record<string, unknown>, query: string | undefined, filters: readonly FlatFilter[], kept: unknown[]) {
  return { ...current, query: { query: query ?? '', language: 'kuery' }, filter: [...kept, ...filters.map(storedFilter)] };
}

function tagReferences(tags: readonly ResolvedTag[]): Reference[] {
  return tags.map((tag) => ({ type: TAG_TYPE, id: tag.id, name: `tag-ref-${tag.id}` }));
}

/** The dashboard in the flat form, with what the flat form cannot say listed under `kept`. */
export function readSavedObjectDashboard(id: string, stored: DashboardSavedObject, lookups: ReadLookups = {}): DescribedDashboard {
  const { attributes, references } = stored;
  const kept: KeptItem[] = [];
  const panels: DescribedPanel[] = [];
  for (const raw of parsePanels(attributes)) {
    const read = readPanel(asRecord(raw), references, lookups);
    if ('panel' in read) panels.push(read.panel);
    else kept.push(read.kept);
  }
  const source = parseSearchSource(attributes);
  const query = asRecord(source.query);
  if (query.language !== 'kuery' && query.query)
    kept.push({ kind: 'filter', type: `${String(query.language)} query`, reason: 'only KQL queries are read' });
  const filters: FlatFilter[] = [];
  asArray(source.filter).forEach((stored, i) => {
    const filter = flatFilter(stored);
    if (filter) filters.push(filter);
    else
      kept.push({
        kind: 'filter',
        id: `filter ${i + 1}`,
        type: String(asRecord(asRecord(stored).meta).type ?? 'custom'),
        reason: 'a filter the flat form cannot say',
      });
  });
  const tags = references
    .filter((reference) => reference.type === TAG_TYPE)
    .map((reference) => lookups.tagName?.(reference.id) ?? reference.id);
  const description = typeof attributes.description === 'string' && attributes.description !== '' ? attributes.description : undefined;
  return {
    id,
    title: String(attributes.title ?? ''),
    ...(description ? { description } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(attributes.timeRestore === true && typeof attributes.timeFrom === 'string' && typeof attributes.timeTo === 'string'
      ? { time_range: { from: attributes.timeFrom, to: attributes.timeTo } }
      : {}),
    ...(query.language === 'kuery' && typeof query.query === 'string' && query.query !== '' ? { query: query.query } : {}),
    ...(filters.length > 0 ? { filters } : {}),
    panels,
    kept,
  };
}

function parsePanels(attributes: Record<string, unknown>): unknown[] {
  const text = attributes.panelsJSON;
  if (typeof text !== 'string') return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('the dashboard panelsJSON is not a list');
  return parsed;
}

function parseSearchSource(attributes: Record<string, unknown>): Record<string, unknown> {
  const text = asRecord(attributes.kibanaSavedObjectMeta).searchSourceJSON;
  return typeof text === 'string' && text !== '' ? asRecord(JSON.parse(text)) : {};
}

function readPanel(
  raw: Record<string, unknown>,
  references: readonly Reference[],
  lookups: ReadLookups,
): { panel: DescribedPanel } | { kept: KeptItem } {
  const gridData = asRecord(raw.gridData);
  const id = String(raw.panelIndex ?? gridData.i ?? '');
  const grid: Placement = {
    x: Number(gridData.x ?? 0),
    y: Number(gridData.y ?? 0),
    w: Number(gridData.w ?? 24),
    h: Number(gridData.h ?? 15),
  };
  const config = asRecord(raw.embeddableConfig);
  const ownTitle = typeof config.title === 'string' ? config.title : typeof raw.title === 'string' ? raw.title : undefined;
  const type = String(raw.type ?? 'unknown');
  const keep = (reason: string): { kept: KeptItem } => ({
    kept: { kind: 'panel', id, type, ...(ownTitle ? { title: ownTitle } : {}), grid, reason },
  });
  const described = (panel: FlatPanel): { panel: DescribedPanel } => ({ panel: { ...panel, id, grid } });

  if (type === MARKDOWN_PANEL_TYPE) {
    const markdown = readMarkdown(config, ownTitle);
    return markdown ? described(markdown) : keep('a visualization other than markdown');
  }
  if (type !== 'lens') return keep(`${type} panels are outside the flat form`);
  if (config.attributes === undefined) return keep('a Lens visualization from the library (by reference)');
  const attributes = asRecord(config.attributes);
  const ownReferences = asArray(attributes.references).map((item) => item as Reference);
  const reading = readLens(attributes, {
    title: ownTitle ?? String(attributes.title ?? ''),
    dataViewOf: (layerId) => {
      const name = layerReferenceName(layerId);
      const dashboardLevel = references.find((reference) => reference.name === `${id}:${name}`);
      return (dashboardLevel ?? ownReferences.find((reference) => reference.name === name))?.id;
    },
    dataViewTitle: (viewId) => lookups.dataViewTitle?.(viewId),
    timeFieldOf: (viewId) => lookups.timeFieldOf?.(viewId),
  });
  return 'panel' in reading ? described(reading.panel) : keep(reading.reason);
}

/**
 * The saved object after a patch. Attributes the patch leaves alone keep their stored text, so
 * a patch that changes nothing gives back the stored object byte for byte.
 */
export function patchSavedObjectDashboard(
  stored: DashboardSavedObject,
  patch: FlatPatch,
  plan: PanelPlan,
  context: SavedObjectWriteContext,
): DashboardSavedObject {
  const attributes = { ...stored.attributes };
  let references = stored.references;
  if (patch.title !== undefined) attributes.title = patch.title;
  if (patch.description !== undefined) attributes.description = patch.description;
  if (patch.time_range !== undefined) {
    delete attributes.timeFrom;
    delete attributes.timeTo;
    Object.assign(attributes, timeAttributes(patch.time_range));
  }
  if (patch.query !== undefined || patch.filters !== undefined) {
    attributes.kibanaSavedObjectMeta = {
      ...asRecord(attributes.kibanaSavedObjectMeta),
      searchSourceJSON: JSON.stringify(patchedSearchSource(attributes, patch)),
    };
  }
  if (touchesPanels(plan)) {
    const result = patchedPanels(attributes, references, plan, context);
    attributes.panelsJSON = JSON.stringify(result.panels);
    references = result.references;
  }
  if (patch.tags !== undefined)
    references = [...references.filter((reference) => reference.type !== TAG_TYPE), ...tagReferences(context.tags)];
  return { attributes, references };
}

function patchedSearchSource(attributes: Record<string, unknown>, patch: FlatPatch): Record<string, unknown> {
  const current = parseSearchSource(attributes);
  const currentQuery = asRecord(current.query);
  const query = patch.query ?? (typeof currentQuery.query === 'string' ? currentQuery.query : '');
  const storedFilters = asArray(current.filter);
  if (patch.filters === undefined) return { ...current, query: { ...currentQuery, query, language: currentQuery.language ?? 'kuery' } };
  const kept = storedFilters.filter((filter) => flatFilter(filter) === undefined);
  return searchSource(current, query, patch.filters, kept);
}

function patchedPanels(
  attributes: Record<string, unknown>,
  references: readonly Reference[],
  plan: PanelPlan,
  context: SavedObjectWriteContext,
) {
  const panels = parsePanels(attributes).map((raw) => asRecord(raw));
  const ids = new Set(panels.map((panel) => String(panel.panelIndex ?? asRecord(panel.gridData).i ?? '')));
  const ownerOf = (reference: Reference) => [...ids].find((id) => reference.name.startsWith(`${id}:`));
  const stored = panels.map((panel) => {
    const id = String(panel.panelIndex ?? asRecord(panel.gridData).i ?? '');
    return { id, raw: { panel, references: references.filter((reference) => ownerOf(reference) === id) } };
  });
  const result = applyPanelPlan<PanelWithReferences>(
    stored,
    plan,
    (panel, id, grid) => storedPanel(panel, id, grid, context),
    (raw, grid) => ({ ...raw, panel: { ...raw.panel, gridData: { ...asRecord(raw.panel.gridData), ...grid } } }),
  );
  const unowned = references.filter((reference) => ownerOf(reference) === undefined);
  return { panels: result.map(({ panel }) => panel), references: [...unowned, ...result.flatMap((item) => item.references)] };
}
