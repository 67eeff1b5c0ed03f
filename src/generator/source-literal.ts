// Data as TypeScript source a reviewer can read and diff: a value stays on one line when it fits,
// otherwise each member goes on its own line, and a long string is split into concatenated parts.
// Output depends on the value only, so equal data gives equal bytes.

/** Longest line the emitted source aims for (Biome's width for hand-written code). */
export const LINE_WIDTH = 140;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `value` as source that starts at `column` on a line indented by `indent`, leaving room for a trailing comma. */
export function sourceLiteral(value: unknown, indent = 0, column = indent): string {
  const flat = inline(value);
  if (column + flat.length + 1 <= LINE_WIDTH) return flat;
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  if (typeof value === 'string') return splitString(value, column, inner);
  if (Array.isArray(value)) return `[\n${value.map((item) => `${pad}${sourceLiteral(item, inner)},\n`).join('')}${' '.repeat(indent)}]`;
  if (isRecord(value)) {
    const lines = entries(value).map(
      ([key, item]) => `${pad}${propertyKey(key)}: ${sourceLiteral(item, inner, inner + propertyKey(key).length + 2)},\n`,
    );
    return `{\n${lines.join('')}${' '.repeat(indent)}}`;
  }
  return flat;
}

/** An object key as source; `__proto__` is computed, since a literal key would set the prototype. */
export function propertyKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (isRecord(value)) {
    const members = entries(value).map(([key, item]) => `${propertyKey(key)}: ${inline(item)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function entries(value: Record<string, unknown>): Array<[string, unknown]> {
  return Object.entries(value).filter(([, item]) => item !== undefined);
}

/** A string as `"part " +` lines, split after spaces where possible, each part fitting the line it is on. */
function splitString(text: string, column: number, continuation: number): string {
  const parts: string[] = [];
  let room = LINE_WIDTH - column - 2;
  let current = '';
  const fits = (part: string) => JSON.stringify(part).length <= room;
  const next = () => {
    parts.push(current);
    current = '';
    room = LINE_WIDTH - continuation - 2;
  };
  for (const word of text.split(/(?<= )/)) {
    if (current !== '' && !fits(current + word)) next();
    if (fits(current + word)) current += word;
    // Only a word longer than a line is cut inside.
    else
      for (const character of word) {
        if (current !== '' && !fits(current + character)) next();
        current += character;
      }
  }
  parts.push(current);
  return parts.map((part) => JSON.stringify(part)).join(` +\n${' '.repeat(continuation)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
