// Elasticsearch date math as Kibana APIs accept it: `now`, `now-15m`, ISO dates, epoch millis.
// Rounding (`now-7d/d`) is accepted and ignored: the sandbox data is not that precise.

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  M: 2_592_000_000,
  y: 31_536_000_000,
};

/** Milliseconds of a duration such as `2h` or `30m` (units s, m, h, d, w), or NaN. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhdw])$/.exec(text);
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : Number.NaN;
}

const RELATIVE = /^now(?:([+-])(\d+)([smhdwMy]))?(?:\/[smhdwMy])?$/;

/** Milliseconds since the epoch, or NaN when the text is not a date. */
export function parseDateMath(value: unknown, nowMs = Date.now()): number {
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    if (!sign) return nowMs;
    const offset = Number(amount) * UNIT_MS[unit!]!;
    return sign === '+' ? nowMs + offset : nowMs - offset;
  }
  return /^\d+$/.test(text) ? Number(text) : Date.parse(text);
}
