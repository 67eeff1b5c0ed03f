// Typed, strict access to the maps of the team-written YAML files (toolsets.yaml, specs.yaml): a map
// holds only the keys its file's header defines, and every value has the type that header says.
import { compareVersions, type VersionRange } from '../kibana/versions.js';
import { isObject, type JsonObject } from '../openapi/json.js';

/** A Kibana version as the files write it. */
const VERSION = /^\d+\.\d+\.\d+$/;

/** Typed access to one map of the file, which must hold only `allowed` keys. */
export class Fields {
  private readonly raw: JsonObject;

  constructor(
    raw: unknown,
    readonly where: string,
    allowed: readonly string[],
  ) {
    if (!isObject(raw)) throw new Error(`${where}: not a map`);
    const unknown = Object.keys(raw).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw new Error(`${where}: unknown key "${unknown}" (allowed: ${allowed.join(', ')})`);
    this.raw = raw;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  /** A required non-empty map of ids (the file's own names) to values, in the file's order. */
  entries(key: string): Array<[string, unknown]> {
    const value = this.raw[key];
    if (!isObject(value) || Object.keys(value).length === 0) throw new Error(`${this.where}: "${key}" must be a non-empty map`);
    return Object.entries(value);
  }

  /** An optional map, itself holding only `allowed` keys. */
  map(key: string, allowed: readonly string[]): Fields | undefined {
    return this.raw[key] === undefined ? undefined : new Fields(this.raw[key], `${this.where}: ${key}`, allowed);
  }

  /** An optional version, X.Y.Z. */
  version(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !VERSION.test(value))
      throw new Error(`${this.where}: ${key} "${String(value)}" is not a version like 9.4.0`);
    return value;
  }

  /** The `from` and `until` keys of this map as a range, `from` before `until`. */
  versionRange(): VersionRange {
    const range: VersionRange = {};
    const from = this.version('from');
    const until = this.version('until');
    if (from !== undefined) range.from = from;
    if (until !== undefined) range.until = until;
    if (from !== undefined && until !== undefined && compareVersions(from, until) >= 0)
      throw new Error(`${this.where}: from ${from} is not before until ${until}`);
    return range;
  }

  /** A required non-empty string. */
  string(key: string): string {
    const value = this.optionalString(key);
    if (value === undefined) throw new Error(`${this.where}: "${key}" is required`);
    return value;
  }

  optionalString(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${this.where}: "${key}" must be a non-empty string`);
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw[key];
    if (value !== undefined && typeof value !== 'boolean') throw new Error(`${this.where}: "${key}" must be true or false`);
    return value as boolean | undefined;
  }

  /** A switch that is off unless written `true` (writing `false` says nothing: leave it out). */
  flag(key: string): boolean {
    const value = this.raw[key];
    if (value !== undefined && value !== true) throw new Error(`${this.where}: "${key}" can only be true (leave it out for false)`);
    return value === true;
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.raw[key];
    if (value !== undefined && !values.includes(value as T))
      throw new Error(`${this.where}: ${key} "${String(value)}" is not one of ${values.join(', ')}`);
    return value as T | undefined;
  }

  /** A required non-empty list. */
  list(key: string): unknown[] {
    const value = this.raw[key];
    if (!Array.isArray(value) || value.length === 0) throw new Error(`${this.where}: "${key}" must be a non-empty list`);
    return value;
  }

  /** An optional non-empty list of names. */
  stringList(key: string): string[] {
    if (this.raw[key] === undefined) return [];
    const value = this.list(key);
    if (!value.every((item) => typeof item === 'string' && item.trim() !== ''))
      throw new Error(`${this.where}: "${key}" must list non-empty strings`);
    return value as string[];
  }

  /** An optional map of names to non-empty one-line texts, trimmed. */
  stringMap(key: string): Record<string, string> {
    const value = this.raw[key];
    if (value === undefined) return {};
    if (!isObject(value)) throw new Error(`${this.where}: "${key}" must be a map`);
    return Object.fromEntries(
      Object.entries(value).map(([name, text]) => {
        if (typeof text !== 'string' || text.trim() === '') throw new Error(`${this.where}: ${key}.${name} must be a non-empty string`);
        return [name, text.trim()];
      }),
    );
  }
}
