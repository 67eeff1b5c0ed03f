// Detection rules and the alerts they raised (alerts are Elasticsearch documents).

export type DetectionRule = Record<string, unknown> & { id: string; rule_id: string; name: string; tags: string[]; enabled: boolean };

/** A document as an Elasticsearch search returns it. */
export interface SearchDocument {
  _id: string;
  _index: string;
  _source: Record<string, unknown>;
}

export type DetectionAlert = SearchDocument;
