// Elasticsearch's `simple_query_string` as Kibana's text searches use it: words (split as the
// standard analyzer splits text), `*` at a word's end for a prefix, and any word or every word.

const wordsOf = (text: string): string[] => text.toLowerCase().split(/\W+/).filter(Boolean);

/** Whether the search matches the texts; `operator` says whether any term suffices or every term must match. */
export function matchesSimpleQuery(search: string, texts: unknown[], operator: 'or' | 'and'): boolean {
  const words = texts.flatMap((text) => wordsOf(String(text ?? '')));
  const matches = (term: string): boolean => {
    const prefix = term.endsWith('*');
    const tokens = wordsOf(term);
    // A hyphenated or dotted term is several words, all of which must be there.
    return tokens.every((token, index) =>
      prefix && index === tokens.length - 1 ? words.some((word) => word.startsWith(token)) : words.includes(token),
    );
  };
  const terms = search.split(/\s+/).filter(Boolean);
  return operator === 'and' ? terms.every(matches) : terms.some(matches);
}
