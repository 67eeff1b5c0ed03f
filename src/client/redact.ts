// Last line of defence: strip known secrets from any text the client builds (errors, logs), in
// every form a server or proxy may echo them: as is, percent-encoded (once or more, either hex
// case, `+` for a space), JSON-escaped, and base64 (standard or URL-safe alphabet, standalone or
// inside a longer encoded text, at any byte alignment). Any mix of these within one secret matches.
//
// The text is decoded once into canonical bytes (escapes resolved, UTF-8, a space read as `+`),
// each byte remembering where in the text it came from; every form of every secret is searched
// there as bytes, and what matched is cut from the original text. No regular expression: one
// built from these alternatives costs V8 up to a second to compile.

const REDACTED = '[REDACTED]';
/** Shorter strings would mangle ordinary text while protecting next to nothing. */
const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this is too likely to occur by chance. */
const MIN_BASE64_LENGTH = 8;
const SPACE = 0x20;
const PLUS = 0x2b;

export type Redact = (text: string) => string;

export function redactor(secrets: readonly string[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    for (const encoded of base64Forms(secret)) if (encoded.length >= MIN_BASE64_LENGTH) forms.add(encoded);
  }
  const needles = [...forms].map((form) => Buffer.from(form, 'utf8').map((byte) => (byte === SPACE ? PLUS : byte)));
  if (needles.length === 0) return (text) => text;
  return (text) => redactIn(text, needles);
}

/**
 * The secret as a standalone base64 value (padded or not), and the characters that encode it inside
 * any longer base64 text: what a secret at byte offset 0, 1 or 2 of a 3-byte group always encodes
 * to, without the characters it shares with its neighbours. Each in both alphabets.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const standalone = bytes.toString('base64');
  const forms = [standalone, standalone.replace(/=+$/, '')];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    forms.push(encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6)));
  }
  return forms.flatMap((form) => [form, form.replace(/\+/g, '-').replace(/\//g, '_')]);
}

/** Texts are decoded a window at a time, so that a long one never needs more than a few MB of bytes and origins. */
const WINDOW = 1 << 20;

function redactIn(text: string, needles: readonly Uint8Array[]): string {
  // Overlapping windows: a secret cut by one window's end lies whole in the next (escapes make a byte up to 7 characters).
  const overlap = 8 * Math.max(...needles.map((needle) => needle.length)) + 16;
  const spans: Array<[number, number]> = [];
  for (let start = 0; start < text.length; start += WINDOW - overlap) {
    spans.push(...spansIn(text.slice(start, start + WINDOW), start, needles));
    if (start + WINDOW >= text.length) break;
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  for (const [start, end] of spans) {
    if (end <= copied) continue;
    if (start >= copied) out += text.slice(copied, start) + REDACTED;
    copied = end;
  }
  return out + text.slice(copied);
}

/** Where each needle occurs in `text`, as spans of the whole text (`offset` is where `text` starts in it). */
function spansIn(text: string, offset: number, needles: readonly Uint8Array[]): Array<[number, number]> {
  const { bytes, origins } = canonical(text);
  const spans: Array<[number, number]> = [];
  for (const needle of needles) {
    for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 1)) {
      spans.push([offset + (origins[at] as number), offset + endOf(origins, at + needle.length - 1, text.length)]);
    }
  }
  return spans;
}

/** Where in the text the unit that produced byte `last` ends. */
function endOf(origins: Uint32Array, last: number, length: number): number {
  for (let next = last + 1; next < origins.length; next++) if (origins[next] !== origins[last]) return origins[next] as number;
  return length;
}

/** The text as canonical bytes, with the index in the text of the unit each byte came from. */
function canonical(text: string): { bytes: Buffer; origins: Uint32Array } {
  // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, two units, is 4).
  const bytes = Buffer.allocUnsafe(text.length * 3);
  const origins = new Uint32Array(text.length * 3);
  let size = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && code !== 0x25 && code !== 0x5c) {
      bytes[size] = code === SPACE ? PLUS : code;
      origins[size++] = i++;
      continue;
    }
    const escaped = percentEscape(text, i) ?? jsonEscape(text, i);
    const end = escaped?.end ?? i + ((text.codePointAt(i) as number) > 0xffff ? 2 : 1);
    for (const byte of escaped?.bytes ?? Buffer.from(text.slice(i, end), 'utf8')) {
      bytes[size] = byte === SPACE ? PLUS : byte;
      origins[size++] = i;
    }
    i = end;
  }
  return { bytes: bytes.subarray(0, size), origins: origins.subarray(0, size) };
}

interface Escape {
  bytes: Iterable<number>;
  end: number;
}

/** `%XX`, or the same escaped again (`%25XX`, `%2525XX`, …): one byte. */
function percentEscape(text: string, i: number): Escape | undefined {
  if (text.charCodeAt(i) !== 0x25) return undefined;
  let at = i + 1;
  while (text.startsWith('25', at) && isHex(text, at + 2, 2)) at += 2;
  if (!isHex(text, at, 2)) return undefined;
  return { bytes: [Number.parseInt(text.slice(at, at + 2), 16)], end: at + 2 };
}

/** `\uXXXX` (a surrogate pair as two), `\"`, `\\`, `\/`: the UTF-8 bytes of the character. */
function jsonEscape(text: string, i: number): Escape | undefined {
  if (text.charCodeAt(i) !== 0x5c) return undefined;
  const next = text[i + 1];
  if (next === '"' || next === '\\' || next === '/') return { bytes: [next.charCodeAt(0)], end: i + 2 };
  if (next !== 'u' || !isHex(text, i + 2, 4)) return undefined;
  let units = String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
  let end = i + 6;
  if (text.startsWith('\\u', end) && isHex(text, end + 2, 4)) {
    const low = Number.parseInt(text.slice(end + 2, end + 6), 16);
    if (low >= 0xdc00 && low <= 0xdfff && /[\ud800-\udbff]/.test(units)) {
      units += String.fromCharCode(low);
      end += 6;
    }
  }
  return { bytes: Buffer.from(units, 'utf8'), end };
}

function isHex(text: string, at: number, digits: number): boolean {
  if (at + digits > text.length) return false;
  for (let k = at; k < at + digits; k++) {
    const code = text.charCodeAt(k) | 0x20;
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x66))) return false;
  }
  return true;
}
