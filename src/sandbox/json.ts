// JSON helpers shared by body parsing, query decoding and saved-object import/export.

/** Parses JSON text, or returns the text itself when it is not JSON. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const toNdjson = (lines: unknown[]): string => lines.map((line) => `${JSON.stringify(line)}\n`).join('');

/** Deep copy of JSON data, so stored state never aliases request or response objects. */
export const cloneJson = <T>(value: T): T => structuredClone(value);
