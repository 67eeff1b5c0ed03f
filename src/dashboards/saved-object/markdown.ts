// Markdown panels in 8.x: the legacy markdown visualization, stored by value in the panel.
import type { FlatPanel } from '../flat.js';
import { asRecord } from '../json.js';

export const MARKDOWN_PANEL_TYPE = 'visualization';

export function markdownEmbeddableConfig(panel: FlatPanel): Record<string, unknown> {
  return {
    savedVis: {
      title: panel.title,
      description: '',
      type: 'markdown',
      params: { fontSize: 12, openLinksInNewTab: false, markdown: panel.text ?? '' },
      uiState: {},
      data: { aggs: [], searchSource: { query: { query: '', language: 'kuery' }, filter: [] } },
    },
    enhancements: {},
  };
}

/** The flat panel of a markdown visualization by value, if the panel is one. */
export function readMarkdown(embeddableConfig: Record<string, unknown>, title: string | undefined): FlatPanel | undefined {
  const savedVis = asRecord(embeddableConfig.savedVis);
  const markdown = asRecord(savedVis.params).markdown;
  if (savedVis.type !== 'markdown' || typeof markdown !== 'string') return undefined;
  return { chart: 'markdown', title: title ?? (typeof savedVis.title === 'string' ? savedVis.title : ''), text: markdown };
}
