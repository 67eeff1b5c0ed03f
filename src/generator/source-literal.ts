// Data as source a reviewer can read and diff, TypeScript or JSON: a value stays on one line when it
// fits, otherwise each member goes on its own line; in TypeScript a long string is also split into
// concatenated parts (JSON cannot split one). Output depends on the value only, so equal data gives
// equal bytes.

/** Longest line the emitted source aims for (Biome's width for hand-written code). */
export const LINE_WIDTH = 140;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** How keys and strings that do not fit are written. */
interface Style {
  key: (key: string) => string;
  longString: (text: string, column: number, continuation: number) => string;
}

const TYPESCRIPT: Style = { key: propertyKey, longString: splitString };
const JSON_TEXT: Style = { key: (key) => JSON.stringify(key), longString: (text) => JSON.stringify(text) };

/** `value` as TypeScript that starts at `column` on a line indented by `indent`, leaving room for a trailing comma. */
export function sourceLiteral(value: unknown, indent = 0, column = indent): string {
  return literal(TYPESCRIPT, value, indent, column);
}

/** `value` as JSON text laid out as sourceLiteral lays out TypeScript; strings stay whole. */
export function jsonLiteral(value: unknown, indent = 0, column = indent): string {
  return literal(JSON_TEXT, value, indent, column);
}

function literal(style: Style, value: unknown, indent: number, column: number): string {
  const flat = inline(style, value);
  if (column + flat.length + 1 <= LINE_WIDTH) return flat;
  const inner = indent + 2;
  const pad = ' '.repeat(inner);
  if (typeof value === 'string') return style.longString(value, column, inner);
  if (Array.isArray(value)) {
    const items = value.map((item) => `${pad}${literal(style, item, inner, inner)}`);
    return `[\n${separated(style, items)}${' '.repeat(indent)}]`;
  }
  if (isRecord(value)) {
    const members = entries(value).map(([key, item]) => {
      const written = style.key(key);
      return `${pad}${written}: ${literal(style, item, inner, inner + written.length + 2)}`;
    });
    return `{\n${separated(style, members)}${' '.repeat(indent)}}`;
  }
  return flat;
}

/** Members one per line: TypeScript ends each with a comma, JSON puts commas only between them. */
function separated(style: Style, members: string[]): string {
  if (style === TYPESCRIPT) return members.map((member) => `${member},\n`).join('');
  return members.map((member, at) => `${member}${at < members.length - 1 ? ',' : ''}\n`).join('');
}

/** An object key as source; `__proto__` is computed, since a literal key would set the prototype. */
export function propertyKey(key: string): string {
  if (key === '__proto__') return '["__proto__"]';
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function inline(style: Style, value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => inline(style, item)).join(', ')}]`;
  if (isRecord(value)) {
    const members = entries(value).map(([key, item]) => `${style.key(key)}: ${inline(style, item)}`);
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
