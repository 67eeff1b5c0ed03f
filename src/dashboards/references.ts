// What a stored dashboard points at, so that a reader can be given names for those ids: the data
// views its panels read and the tags it carries.
import type { StoredDashboard } from './dashboards.js';
import { asArray, asRecord } from './json.js';
import { DATA_VIEW_REFERENCE_TYPE } from './saved-object/lens-write.js';

const TAG_TYPE = 'tag';
const API_DATA_VIEW_REFERENCE = 'data_view_reference';

/** The ids of the data views a stored dashboard's panels read, each once. */
export function storedDataViewIds(stored: StoredDashboard): string[] {
  if (stored.format === 'saved-object') return referencedIds(stored.savedObject.references, DATA_VIEW_REFERENCE_TYPE);
  const ids = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    const record = asRecord(node);
    if (record.type === API_DATA_VIEW_REFERENCE && typeof record.ref_id === 'string') ids.add(record.ref_id);
    Object.values(record).forEach(visit);
  };
  visit(asRecord(asRecord(stored.answer).data).panels);
  return [...ids];
}

/** The ids of the tags a stored dashboard carries. */
export function storedTagIds(stored: StoredDashboard): string[] {
  if (stored.format === 'saved-object') return referencedIds(stored.savedObject.references, TAG_TYPE);
  return asArray(asRecord(asRecord(stored.answer).data).tags).map(String);
}

function referencedIds(references: readonly { type: string; id: string }[], type: string): string[] {
  return [...new Set(references.filter((reference) => reference.type === type).map((reference) => reference.id))];
}

/** Every panel and section id a stored dashboard uses, those inside sections too. */
export function storedPanelIds(stored: StoredDashboard): string[] {
  if (stored.format === 'saved-object') {
    const text = stored.savedObject.attributes.panelsJSON;
    const panels = typeof text === 'string' ? asArray(JSON.parse(text)) : [];
    const sections = asArray(stored.savedObject.attributes.sections);
    return [...panels, ...sections].map((item) => asRecord(item)).flatMap((item) => idOf(item.panelIndex ?? item.id));
  }
  const ids: string[] = [];
  const visit = (items: unknown): void => {
    for (const item of asArray(items).map(asRecord)) {
      ids.push(...idOf(item.id));
      visit(item.panels);
    }
  };
  visit(asRecord(asRecord(stored.answer).data).panels);
  return ids;
}

const idOf = (value: unknown): string[] => (typeof value === 'string' ? [value] : []);
