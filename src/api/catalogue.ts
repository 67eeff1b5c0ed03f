// The operations of the connected Kibana as the full-API tools see them: one entry per method + path.
// The shipped catalogue (src/catalogue) or the user's own spec provides them; the tools only read them.
import type { HttpMethod } from '../kibana/http.js';
import type { OperationEffect } from '../kibana/operations.js';
import { splitSpaceParameter } from '../kibana/spaces.js';

export interface CatalogueEntry {
  method: HttpMethod;
  /** The path template; it may start with `/s/{spaceId}` (the SLO APIs, 9.x rewrites) unless `specPath` keeps that form. */
  path: string;
  /** The template as the spec writes it, when `path` is it without its `/s/{spaceId}` prefix. */
  specPath?: string;
  /** The spec's `summary` of the operation. */
  title: string;
  tags: readonly string[];
  operationId?: string;
  /** What the operation does: its tier. Where a curated tool covers the operation, that tool's tier. */
  effect: OperationEffect;
  spaceAware: boolean;
  /** The curated tool that covers this operation, if any. */
  curatedTool?: string;
  /** The toolset of that curated tool (a search may narrow by toolset). */
  toolset?: string;
  /** The spec marks the operation deprecated. */
  deprecated?: boolean;
}

/**
 * A template as agents write it: without a space parameter prefix (`/s/{spaceId}/api/x` → `/api/x`),
 * since the space travels in `space_id`. The name of that parameter, when the spec has one.
 */
export function canonicalTemplate(template: string): { path: string; spaceParameter?: string } {
  const split = splitSpaceParameter(template);
  return split ? { path: split.rest, spaceParameter: split.parameter } : { path: template };
}
