// The tier an operation needs, and the refusal of one above the server's tier.
import type { HttpMethod } from '../kibana/http.js';
import { operationEffect } from '../kibana/operations.js';
import { TIERS } from '../tools/registry.js';
import type { Tier } from '../tools/spec.js';
import type { CatalogueEntry } from './catalogue.js';
import { ApiRefusal } from './refusal.js';

/** What an operation does: the curated tool's tier where one covers it (it knows more), else what method and path say. */
export function operationTier(method: HttpMethod, path: string, curatedTier?: Tier): Tier {
  return curatedTier ?? operationEffect(method, path);
}

/** Refuses an operation that needs more than `ceiling`, naming the tier it needs. */
export function assertWithinTier(entry: CatalogueEntry, ceiling: Tier): void {
  if (TIERS.indexOf(entry.effect) <= TIERS.indexOf(ceiling)) return;
  throw new ApiRefusal(
    'tier',
    `${entry.method} ${entry.path} is a ${entry.effect} operation and this server runs at tier ${ceiling}. ` +
      `It needs tier ${entry.effect}, which only the operator can set (--tier ${entry.effect}).`,
  );
}
