// A search query → groups of alternative terms (one group per word the caller typed) and what the caller wants done.
import { BULK_WORDS, INTENT_WORDS, type Intent, LIST_FILTER_WORDS, ONE_WORDS, PHRASES, SYNONYMS } from './vocabulary.js';
import { isStopWord, splitWords, stem } from './words.js';

export interface Alternative {
  term: string;
  weight: number;
}

/** The terms that may stand for one word of the query; the word counts as found when any of them is. */
export interface QueryGroup {
  word: string;
  alternatives: Alternative[];
}

export interface ParsedQuery {
  groups: QueryGroup[];
  /** What the wording asks for, from its verbs and modifiers. */
  intents: ReadonlySet<Intent>;
  /** Plural nouns or list words with no verb ("offline agents"): a list, unless a verb of the API's own says otherwise. */
  impliedList: boolean;
}

const SYNONYM_WEIGHT = 0.8;

const stemmedSynonyms = new Map<string, string[]>();
for (const [word, others] of Object.entries(SYNONYMS)) {
  const key = stem(word);
  stemmedSynonyms.set(key, [...(stemmedSynonyms.get(key) ?? []), ...others.map(stem)]);
}

const stemmedPhrases = PHRASES.map(([from, to]) => ({ from: splitWords(from).map(stem), to: splitWords(to) }));

/** Applies the phrase table: each phrase's words are replaced by the API's words. */
function rewritePhrases(words: string[]): string[] {
  const stems = words.map(stem);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = stemmedPhrases.find(({ from }) => from.every((word, k) => stems[i + k] === word));
    if (phrase) {
      out.push(...phrase.to);
      i += phrase.from.length;
    } else {
      out.push(words[i]!);
      i += 1;
    }
  }
  return out;
}

/** A plural noun with no verb around it ("offline agents") asks for a list. */
function looksPlural(word: string): boolean {
  return word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word) && stem(word) !== word;
}

export function parseQuery(text: string): ParsedQuery {
  const words = rewritePhrases(splitWords(text));
  const intents = new Set<Intent>();
  const kept: string[] = [];
  let impliedList = false;
  // Articles are single letters, which splitWords drops: look for "a" in the raw text.
  if (/(^|[^a-z0-9])a([^a-z0-9]|$)/i.test(text)) intents.add('one');
  for (const word of words) {
    const intent = INTENT_WORDS.get(word);
    if (intent) intents.add(intent);
    if (ONE_WORDS.has(word)) intents.add('one');
    else if (BULK_WORDS.has(word)) {
      intents.add('bulk');
      impliedList = true;
    } else if (LIST_FILTER_WORDS.has(word)) impliedList = true;
    else if (!isStopWord(word)) {
      kept.push(word);
      if (!intent && looksPlural(word)) impliedList = true;
    }
  }
  if (intents.has('list')) intents.add('read');
  if (intents.has('create') || intents.has('update') || intents.has('delete')) impliedList = false;

  const own = kept.map(stem);
  const groups = kept.map((word, i): QueryGroup => {
    const alternatives: Alternative[] = [{ term: own[i]!, weight: 1 }];
    // A synonym that another word of the query already says would count that word twice ("fleet agents").
    for (const other of stemmedSynonyms.get(own[i]!) ?? []) {
      if (!own.includes(other)) alternatives.push({ term: other, weight: SYNONYM_WEIGHT });
    }
    // Compounds written apart or together: "source map" ↔ sourcemaps, "data view" ↔ dataview.
    if (i > 0) alternatives.push({ term: stem(kept[i - 1]! + word), weight: 1 });
    if (i + 1 < kept.length) alternatives.push({ term: stem(word + kept[i + 1]!), weight: 1 });
    return { word, alternatives };
  });
  return { groups, intents, impliedList };
}
