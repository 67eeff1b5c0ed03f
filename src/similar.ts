// Ranks names by how likely an agent meant one of them: `bytes` → `http.response.bytes`.

const MAX_SUGGESTIONS = 3;

/** The closest candidates to a wrong name, best first; none when nothing is close. */
export function similarNames(wanted: string, candidates: Iterable<string>, limit = MAX_SUGGESTIONS): string[] {
  const needle = wanted.toLowerCase();
  return [...candidates]
    .map((name) => ({ name, score: distanceScore(needle, name.toLowerCase()) }))
    .filter(({ score }) => score <= 0.5)
    .sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name }) => name);
}

/**
 * 0 for a perfect match, growing with the edits needed. A candidate whose last dotted part (or
 * any dotted suffix) equals the wanted name is nearly perfect: agents often drop the prefix.
 */
function distanceScore(wanted: string, candidate: string): number {
  const parts = candidate.split('.');
  const suffixes = parts.map((_, i) => parts.slice(i).join('.'));
  if (suffixes.slice(1).includes(wanted)) return 0.05;
  if (candidate.includes(wanted) || wanted.includes(candidate)) return 0.2;
  const relative = (text: string) => editDistance(wanted, text) / Math.max(wanted.length, text.length);
  return Math.min(...suffixes.map(relative));
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
