// Last line of defence: strip known secrets from any text that goes into an error or a log.

const REDACTED = '[REDACTED]';
/** Shorter strings would mangle ordinary text while protecting next to nothing. */
const MIN_SECRET_LENGTH = 4;

export type Redact = (text: string) => string;

export function redactor(secrets: readonly string[]): Redact {
  const list = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return (text) => list.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}
