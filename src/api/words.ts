// Text → search terms: identifiers and prose split into lower-case words, each reduced to a rough stem
// so that "policies", "policy" and "agentPolicyId" meet, and "snoozed" finds "snooze".

/** Words whose stem the suffix rules would get wrong or leave apart from their kin, and that stem. */
const IRREGULAR: ReadonlyMap<string, string> = new Map(
  Object.entries({
    indices: 'index',
    indexes: 'index',
    alias: 'alias',
    aliases: 'alias',
    proc: 'process',
    procs: 'process',
    config: 'config',
    configs: 'config',
    configure: 'config',
    configured: 'config',
    configuration: 'config',
    configurations: 'config',
    encrypt: 'encrypt',
    encrypted: 'encrypt',
    encryption: 'encrypt',
    creation: 'creat',
    deletion: 'delet',
    installation: 'install',
    data: 'data',
    status: 'status',
    statuses: 'status',
  }),
);

/** Words too common or too vague to rank by (checked before stemming). */
const STOP_WORDS = new Set(
  'a an the of for to in on at by and or with from into onto my our me we us i is are be been it its this that these those how do does did what which who please can could would should want need using use via per about as has have was not no never api'.split(
    ' ',
  ),
);

/**
 * The words of a text, lower-case, with camelCase, PascalCase, snake_case and kebab-case split
 * (`agentPolicyId` → agent, policy, id; `SLOs` → slos). Single letters are dropped.
 */
export function splitWords(text: string): string[] {
  const spaced = text
    .replace(/([A-Z]{2,})s(?![a-z])/g, '$1S')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** Undo a doubled final consonant left by `-ing`/`-ed` (running → run), except where English keeps it (enroll). */
function undouble(word: string): string {
  const last = word[word.length - 1];
  return last !== undefined && last === word[word.length - 2] && 'bdgmnprt'.includes(last) ? word.slice(0, -1) : word;
}

function endsWithAny(word: string, endings: readonly string[]): boolean {
  return endings.some((ending) => word.endsWith(ending));
}

/** A rough stem: plural, `-ing`, `-ed` and a final `e` removed. Deterministic and idempotent enough for ranking. */
export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('es') && endsWithAny(w.slice(0, -2), ['s', 'x', 'ch', 'sh'])) w = w.slice(0, -2);
  else if (w.length >= 3 && w.endsWith('s') && !endsWithAny(w, ['ss', 'us', 'is'])) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The stemmed terms of a text, stop words left out. */
export function terms(text: string): string[] {
  return splitWords(text)
    .filter((word) => !isStopWord(word))
    .map(stem);
}
