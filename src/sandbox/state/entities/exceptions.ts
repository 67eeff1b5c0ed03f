// Exception lists and their items. `single` lists live in a space; `agnostic` ones (the endpoint
// list among them) are shared by every space.

export type NamespaceType = 'single' | 'agnostic';

interface Tracked {
  id: string;
  namespace_type: NamespaceType;
  name: string;
  description: string;
  tags: string[];
  os_types: string[];
  meta?: Record<string, unknown>;
  tie_breaker_id: string;
  _version: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface ExceptionList extends Tracked {
  list_id: string;
  type: string;
  immutable: boolean;
  version: number;
}

export interface ExceptionComment {
  id: string;
  comment: string;
  created_at: string;
  created_by: string;
}

export interface ExceptionItem extends Tracked {
  item_id: string;
  list_id: string;
  type: 'simple';
  entries: Record<string, unknown>[];
  comments: ExceptionComment[];
  expire_time?: string;
}
