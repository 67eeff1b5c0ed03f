// JSON on the wire: text that may or may not be JSON (query values, form fields), and ndjson.

/** Parses JSON text, or returns the text itself when it is not JSON. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const toNdjson = (lines: unknown[]): string => lines.map((line) => `${JSON.stringify(line)}\n`).join('');
