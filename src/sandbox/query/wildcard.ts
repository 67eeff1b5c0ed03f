// `*` wildcards, as KQL values and `_source` patterns use them.

/** A case-insensitive regular expression for a pattern; `whole` anchors it to the entire text. */
export function wildcardRegExp(pattern: string, whole: boolean): RegExp {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(whole ? `^${source}$` : source, 'i');
}
