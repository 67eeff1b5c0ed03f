// The data views one tool call needs, read from the space it works in: the list once, and each
// view it uses once, however many panels name it.
import type { ToolContext } from '../../tools/runtime/tool.js';
import { type DataViewInfo, type DataViewSummary, dataViewInfo } from '../data-view.js';
import { dataViewRefs, findDataView, type NamedPanel, unknownDataViewProblems } from '../field-checks.js';
import { asArray, asRecord } from '../json.js';
import type { ReadLookups } from '../resolved.js';

export interface PanelViews {
  /** Each panel's data view, by the reference it gave (title, id or name). */
  views: Map<string, DataViewInfo>;
  /** References that name no data view of the space. */
  problems: string[];
}

export class SpaceDataViews {
  #list: Promise<DataViewSummary[]> | undefined;
  readonly #views = new Map<string, Promise<DataViewInfo>>();
  readonly #read = new Map<string, DataViewInfo>();

  constructor(
    private readonly context: ToolContext,
    private readonly space: string,
  ) {}

  list(): Promise<DataViewSummary[]> {
    this.#list ??= this.context
      .kibana({ method: 'GET', path: '/api/data_views', space: this.space })
      .then((response) => asArray(asRecord(response.data).data_view).map(summary));
    return this.#list;
  }

  view(id: string): Promise<DataViewInfo> {
    let view = this.#views.get(id);
    if (!view) {
      view = this.context
        .kibana({ method: 'GET', path: '/api/data_views/data_view/{id}', params: { id }, space: this.space })
        .then((response) => dataViewInfo(response.data));
      this.#views.set(id, view);
      void view.then((info) => this.#read.set(id, info)).catch(() => {});
    }
    return view;
  }

  async forPanels(panels: readonly NamedPanel[]): Promise<PanelViews> {
    const refs = dataViewRefs(panels.map(({ panel }) => panel));
    if (refs.length === 0) return { views: new Map(), problems: [] };
    const list = await this.list();
    const found = refs.flatMap((ref) => {
      const view = findDataView(ref, list);
      return view ? [[ref, view.id] as const] : [];
    });
    const views = new Map(await Promise.all(found.map(async ([ref, id]) => [ref, await this.view(id)] as const)));
    return { views, problems: unknownDataViewProblems(panels, list) };
  }

  /** Reads the data views of these ids that exist (a dashboard may point at a deleted one). */
  async readAll(ids: readonly string[]): Promise<DataViewInfo[]> {
    if (ids.length === 0) return [];
    const list = await this.list();
    return Promise.all(ids.filter((id) => list.some((view) => view.id === id)).map((id) => this.view(id)));
  }

  /** Every data view read so far, by id. */
  read(): Map<string, DataViewInfo> {
    return new Map(this.#read);
  }

  /** Names and time fields of every data view read so far, for the readers. */
  lookups(): Pick<ReadLookups, 'dataViewTitle' | 'timeFieldOf'> {
    return { dataViewTitle: (id) => this.#read.get(id)?.title, timeFieldOf: (id) => this.#read.get(id)?.timeFieldName };
  }
}

function summary(item: unknown): DataViewSummary {
  const view = asRecord(item);
  return { id: String(view.id), title: String(view.title), ...(typeof view.name === 'string' ? { name: view.name } : {}) };
}
