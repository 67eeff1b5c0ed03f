// Kibana's `x-state` on an operation ("Technical Preview; added in 9.4.0", "Generally available;
// Added in 9.1.0"): the version it names, read case-insensitively, as the case varies upstream.
const ADDED_IN = /\badded in (\d+\.\d+\.\d+)\b/i;

export function addedInVersion(state: unknown): string | undefined {
  return typeof state === 'string' ? ADDED_IN.exec(state)?.[1] : undefined;
}
