// The Kibana versions each operation of each spec exists on, from the facts: the spec's own range
// (openapi/specs.yaml), the operation's `x-state` ("added in X"), the operation list of a newer
// Kibana, and the team's bounds in toolsets.yaml where the specs cannot tell. The rules:
// - an operation starts at the version its spec's x-state (else the list's state) says it was added
//   in, else where its spec starts;
// - it ends where its spec ends; and, when the list is complete from a version on and lacks the
//   operation (outside the prefixes it only sampled), at that version;
// - where a later spec describes the same operation, the earlier one's facts end where the later
//   one's start;
// - a bound the team wrote replaces the derived one (only for operations that one spec describes).
import { compareVersions, type VersionRange } from '../kibana/versions.js';
import type { ListedOperation } from './operation-list.js';
import type { OperationListSource, SpecSource } from './spec-sources.js';

/** What the rules need of one spec: its range and, per canonical key, the version its x-state names. */
export interface SpecIndex {
  source: SpecSource;
  operations: Map<string, { addedIn?: string; path: string }>;
}

export class OperationVersions {
  constructor(
    private readonly specs: SpecIndex[],
    private readonly list: { source: OperationListSource; operations: Map<string, ListedOperation> },
    /** The team's bounds by canonical key. */
    private readonly teamBounds: Map<string, VersionRange>,
  ) {
    for (const [key, bounds] of teamBounds) {
      const describing = specs.filter((spec) => spec.operations.has(key)).map((spec) => spec.source.id);
      if (describing.length > 1 && (bounds.from !== undefined || bounds.until !== undefined))
        throw new Error(`${key}: from/until in toolsets.yaml, but ${describing.join(' and ')} describe it: their ranges decide`);
    }
  }

  /** The versions `key` exists on with the facts of spec `specId`; undefined when the spec lacks it or its facts hold on no version. */
  rangeOf(specId: string, key: string): VersionRange | undefined {
    const index = this.specs.findIndex((spec) => spec.source.id === specId);
    const spec = this.specs[index];
    if (!spec) throw new Error(`no spec ${specId} in openapi/specs.yaml`);
    const start = this.start(spec, key);
    if (start === null) return undefined;
    const team = this.teamBounds.get(key) ?? {};
    let until = team.until ?? spec.source.versions.until;
    const { completeFrom, sampled } = this.list.source;
    const path = spec.operations.get(key)?.path ?? '';
    const gone = !this.list.operations.has(key) && !sampled.some((prefix) => path.startsWith(prefix));
    if (team.until === undefined && gone && !isBefore(until, completeFrom)) until = completeFrom;
    for (const later of this.specs.slice(index + 1)) {
      const laterStart = this.start(later, key);
      if (laterStart === null) continue;
      if (laterStart === undefined) return undefined;
      if (!isBefore(until, laterStart)) until = laterStart;
    }
    if (start !== undefined && until !== undefined && compareVersions(start, until) >= 0) return undefined;
    const range: VersionRange = {};
    if (start !== undefined) range.from = start;
    if (until !== undefined) range.until = until;
    return range;
  }

  /** The versions of an operation only the list names (no spec describes it). */
  listedRange(key: string): VersionRange {
    const from = this.list.operations.get(key)?.addedIn ?? this.list.source.versions.from;
    return from === undefined ? {} : { from };
  }

  /** Where `key` starts in `spec`: a version, undefined for unbounded, null when the spec lacks it. */
  private start(spec: SpecIndex, key: string): string | undefined | null {
    const operation = spec.operations.get(key);
    if (!operation) return null;
    const team = this.teamBounds.get(key)?.from;
    const listFrom = this.list.source.versions.from;
    const specFrom = spec.source.versions.from;
    const described = listFrom !== undefined && specFrom !== undefined && compareVersions(specFrom, listFrom) >= 0;
    const listed = described ? this.list.operations.get(key)?.addedIn : undefined;
    return team ?? operation.addedIn ?? listed ?? spec.source.versions.from;
  }
}

/** `a` is a version before `b`; an unbounded end (undefined) is before nothing. */
function isBefore(a: string | undefined, b: string): boolean {
  return a !== undefined && compareVersions(a, b) < 0;
}
