// Every field a flat dashboard names, checked against the data views it uses: the field exists
// and its type fits what is asked of it. Messages name the panel, the field and the choices.
import type { DataViewInfo, DataViewSummary, FieldInfo } from './data-view.js';
import type { FlatBreakdown, FlatFilter, FlatPanel } from './flat.js';
import { BREAKDOWN_FIELD_RULES, type FieldRule, fieldFits, METRIC_FIELD_RULES } from './operations.js';
import { listChoices } from './problems.js';
import { similarNames } from '../similar.js';

/** A panel with the words that name it in messages ("panel 2", "new panel 1"). */
export interface NamedPanel {
  panel: FlatPanel;
  where: string;
}

/** The data view references (titles or ids) the panels use, each once. */
export function dataViewRefs(panels: readonly FlatPanel[]): string[] {
  return [...new Set(panels.flatMap((panel) => (panel.data_view ? [panel.data_view] : [])))];
}

/** Finds a data view by id, then by title, then by name. */
export function findDataView(ref: string, views: readonly DataViewSummary[]): DataViewSummary | undefined {
  return views.find((view) => view.id === ref) ?? views.find((view) => view.title === ref) ?? views.find((view) => view.name === ref);
}

/** Problems for the references that name no data view of the space. */
export function unknownDataViewProblems(panels: readonly NamedPanel[], views: readonly DataViewSummary[]): string[] {
  const names = views.flatMap((view) => [view.title, ...(view.name && view.name !== view.title ? [view.name] : [])]);
  return panels.flatMap(({ panel, where }) => {
    if (!panel.data_view || findDataView(panel.data_view, views)) return [];
    const similar = similarNames(panel.data_view, names);
    const hint =
      similar.length > 0
        ? `did you mean ${listChoices(similar)}?`
        : `the space has ${names.length > 0 ? listChoices(names) : 'no data views'}`;
    return [`${where}: there is no data view \`${panel.data_view}\`; ${hint}`];
  });
}

/** Field problems of every panel, given each panel's data view (by the reference it gave). */
export function fieldProblems(panels: readonly NamedPanel[], views: ReadonlyMap<string, DataViewInfo>): string[] {
  return panels.flatMap(({ panel, where }) => {
    const view = panel.data_view ? views.get(panel.data_view) : undefined;
    if (!view) return [];
    const problems: string[] = [];
    (panel.metrics ?? []).forEach((metric, i) => {
      const at = `${where}, metric ${i + 1}`;
      if (metric.field) problems.push(...checkField(metric.field, METRIC_FIELD_RULES[metric.op], metric.op, view, at));
      if (metric.op === 'last_value' && !sortField(view))
        problems.push(`${at}: last_value needs a date field to sort by; \`${view.title}\` has none`);
    });
    if (panel.breakdown) problems.push(...breakdownFieldProblems(panel.breakdown, view, `${where}, breakdown`));
    if (panel.split) problems.push(...breakdownFieldProblems(panel.split, view, `${where}, split`));
    return problems;
  });
}

/** Dashboard filters must name a field of at least one of the data views in use. */
export function filterFieldProblems(filters: readonly FlatFilter[], views: readonly DataViewInfo[]): string[] {
  if (views.length === 0) return [];
  const known = new Set(views.flatMap((view) => [...view.fields.keys()]));
  return filters.flatMap((filter, i) => {
    if (known.has(filter.field)) return [];
    const similar = similarNames(filter.field, known);
    const titles = listChoices(views.map((view) => view.title));
    const hint = similar.length > 0 ? `; did you mean ${listChoices(similar)}?` : '';
    return [`filter ${i + 1}: \`${filter.field}\` is not a field of ${titles}${hint}`];
  });
}

/** The field a last value sorts by: the time field, else the first date field. */
export function sortField(view: DataViewInfo): string | undefined {
  if (view.timeFieldName && view.fields.get(view.timeFieldName)?.type === 'date') return view.timeFieldName;
  return [...view.fields.values()].find((field) => field.type === 'date')?.name;
}

/** The field a date histogram runs over: the one named, else the data view's time field. */
export function histogramField(breakdown: FlatBreakdown, view: DataViewInfo): string | undefined {
  return breakdown.field ?? view.timeFieldName;
}

function breakdownFieldProblems(breakdown: FlatBreakdown, view: DataViewInfo, where: string): string[] {
  const rule = BREAKDOWN_FIELD_RULES[breakdown.by];
  const field = breakdown.by === 'date_histogram' ? histogramField(breakdown, view) : breakdown.field;
  if (field) return checkField(field, rule, breakdown.by, view, where);
  if (breakdown.by !== 'date_histogram') return [];
  return [`${where}: \`${view.title}\` has no time field; name a date field: ${fittingChoices(rule, view)}`];
}

function checkField(name: string, rule: FieldRule, what: string, view: DataViewInfo, where: string): string[] {
  const field = view.fields.get(name);
  if (!field) {
    const fitting = fittingFields(rule, view);
    const similar = similarNames(name, fitting.length > 0 ? fitting : view.fields.keys());
    const hint = similar.length > 0 ? `did you mean ${listChoices(similar)}?` : `fields that fit: ${fittingChoices(rule, view)}`;
    return [`${where}: \`${name}\` is not a field of \`${view.title}\`; ${hint}`];
  }
  if (fieldFits(rule, field)) return [];
  return [`${where}: ${what} needs ${rule.wants}; \`${name}\` is ${describeField(field)}. Fields that fit: ${fittingChoices(rule, view)}`];
}

function describeField(field: FieldInfo): string {
  const article = /^[aeiou]/.test(field.type) ? 'an' : 'a';
  return `${article} ${field.aggregatable ? '' : 'non-aggregatable '}${field.type} field`;
}

function fittingFields(rule: FieldRule, view: DataViewInfo): string[] {
  return [...view.fields.values()].filter((field) => fieldFits(rule, field)).map((field) => field.name);
}

function fittingChoices(rule: FieldRule, view: DataViewInfo): string {
  const fitting = fittingFields(rule, view);
  return fitting.length > 0 ? listChoices(fitting) : `none in \`${view.title}\``;
}
