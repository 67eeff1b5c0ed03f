// Kibana version numbers: parsing and ordering (major.minor.patch; suffixes such as -SNAPSHOT ignored).

export type VersionParts = readonly [number, number, number];

const parsed = new Map<string, VersionParts>();
/** Versions callers report are few; the bound only keeps a caller that reports many from growing the map. */
const MAX_PARSED = 1_000;

/** Parsed once per version string: a start compares the same few versions a few thousand times. */
export function versionParts(version: string): VersionParts {
  let parts = parsed.get(version);
  if (parts === undefined) {
    const [major = 0, minor = 0, patch = 0] = version
      .split(/[.-]/)
      .slice(0, 3)
      .map((part) => Number.parseInt(part, 10) || 0);
    parts = [major, minor, patch];
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(version, parts);
  }
  return parts;
}

/** Negative when `a` is older than `b`, zero when equal, positive when newer. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [versionParts(a), versionParts(b)];
  for (let i = 0; i < 3; i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** `version` is `floor` or later. */
export function isAtLeast(version: string, floor: string): boolean {
  return compareVersions(version, floor) >= 0;
}

/**
 * The Kibana versions something exists on: from `from` (inclusive) up to `until` (exclusive, the
 * first version that no longer has it). An open end is unbounded.
 */
export interface VersionRange {
  from?: string;
  until?: string;
}

/** `version` lies in `range`. */
export function isInRange(version: string, range: VersionRange): boolean {
  return (range.from === undefined || isAtLeast(version, range.from)) && (range.until === undefined || !isAtLeast(version, range.until));
}
