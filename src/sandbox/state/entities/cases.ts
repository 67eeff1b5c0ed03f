// Cases with their comments and user-action history.

export interface CaseUser {
  username: string;
  full_name: string | null;
  email: string | null;
}

export type CommentBody =
  | { type: 'user'; comment: string; owner: string }
  | {
      type: 'alert';
      alertId: string | string[];
      index: string | string[];
      rule: { id: string | null; name: string | null };
      owner: string;
    };

/** Identity and authorship shared by cases and their comments. */
interface Authored {
  id: string;
  version: string;
  created_at: string;
  created_by: CaseUser;
  updated_at: string | null;
  updated_by: CaseUser | null;
}

export type CaseComment = CommentBody & Authored & { pushed_at: null; pushed_by: null };

export interface UserAction {
  id: string;
  version: string;
  action: 'create' | 'update' | 'delete';
  type: string;
  payload: Record<string, unknown>;
  comment_id: string | null;
  created_at: string;
  created_by: CaseUser;
  owner: string;
}

export interface CaseFields {
  title: string;
  description: string;
  tags: string[];
  owner: string;
  severity?: string;
  assignees?: { uid: string }[];
  category?: string | null;
  connector: Record<string, unknown>;
  settings: { syncAlerts: boolean };
  customFields?: unknown[];
}

export interface Case extends Required<CaseFields>, Authored {
  status: string;
  closed_at: string | null;
  closed_by: CaseUser | null;
  duration: number | null;
  external_service: null;
  comments: CaseComment[];
  userActions: UserAction[];
}
