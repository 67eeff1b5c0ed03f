// Which variant of a tool name a Kibana version gets. Pure functions of the ToolSpecs' data: several
// ToolSpecs may share a name, each with its own version range (`from` inclusive, `until` exclusive),
// and the ranges of one name never overlap.
import { compareVersions, isAtLeast } from '../kibana/versions.js';
import type { ToolSpec, VersionRange } from './spec.js';

/** `version` lies in `range`. */
export function isInRange(version: string, range: VersionRange): boolean {
  return (range.from === undefined || isAtLeast(version, range.from)) && (range.until === undefined || !isAtLeast(version, range.until));
}

/** What Kibana `version` gets: per name, the variant whose range holds the version; names it lacks are left out. */
export function variantsOn<T extends Pick<ToolSpec, 'name' | 'versions'>>(specs: readonly T[], version: string): T[] {
  const chosen = new Map<string, T>();
  for (const spec of specs) {
    if (!isInRange(version, spec.versions)) continue;
    const other = chosen.get(spec.name);
    if (other) {
      throw new Error(
        `${spec.name}: two variants hold Kibana ${version} (${describeVersions(other.versions)}, ${describeVersions(spec.versions)})`,
      );
    }
    chosen.set(spec.name, spec);
  }
  return specs.filter((spec) => chosen.get(spec.name) === spec);
}

/** The variants of each name, names in the order they first appear, each name's variants oldest first. */
export function variantGroups<T extends Pick<ToolSpec, 'name' | 'versions'>>(specs: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const spec of specs) {
    const group = groups.get(spec.name);
    if (group) group.push(spec);
    else groups.set(spec.name, [spec]);
  }
  return [...groups.values()].map((group) => group.sort((a, b) => compareStarts(a.versions, b.versions)));
}

/**
 * The variant a server lists for a name when it does not know Kibana's version: the newest. Most
 * installations run the newest major, and the newest variant is the API that stays; a call on an
 * older Kibana is validated against that version's own variant, whose schema the refusal shows.
 */
export function listedVariant<T>(group: readonly T[]): T {
  const newest = group.at(-1);
  if (newest === undefined) throw new Error('a tool name without variants');
  return newest;
}

/** The variant of a name (its variants, any order) that Kibana `version` has, if any. */
export function variantOn<T extends Pick<ToolSpec, 'versions'>>(group: readonly T[], version: string): T | undefined {
  return group.find((spec) => isInRange(version, spec.versions));
}

/** A range in words: `9.1.0 and later`, `before 9.4.0`, `9.4.0 to 9.5.0` (exclusive), `every version`. */
export function describeVersions({ from, until }: VersionRange): string {
  if (from !== undefined && until !== undefined) return `${from} to ${until} (exclusive)`;
  if (from !== undefined) return `${from} and later`;
  if (until !== undefined) return `before ${until}`;
  return 'every version';
}

/** Whether a spec's availability depends on Kibana's version at all. */
export function isVersionBound({ versions }: Pick<ToolSpec, 'versions'>): boolean {
  return versions.from !== undefined || versions.until !== undefined;
}

function compareStarts(a: VersionRange, b: VersionRange): number {
  if (a.from === b.from) return 0;
  if (a.from === undefined) return -1;
  if (b.from === undefined) return 1;
  return compareVersions(a.from, b.from);
}
