// In-memory collections. Most Kibana objects live in one space; short URLs and spaces are global.

import { randomUUID } from 'node:crypto';

/** Objects keyed by id inside each space, in insertion order. */
export class SpaceStore<T> {
  private readonly spaces = new Map<string, Map<string, T>>();

  get(space: string, id: string): T | undefined {
    return this.spaces.get(space)?.get(id);
  }

  has(space: string, id: string): boolean {
    return this.spaces.get(space)?.has(id) ?? false;
  }

  list(space: string): T[] {
    return [...(this.spaces.get(space)?.values() ?? [])];
  }

  set(space: string, id: string, value: T): T {
    let objects = this.spaces.get(space);
    if (!objects) this.spaces.set(space, (objects = new Map()));
    objects.set(id, value);
    return value;
  }

  delete(space: string, id: string): boolean {
    return this.spaces.get(space)?.delete(id) ?? false;
  }

  deleteSpace(space: string): void {
    this.spaces.delete(space);
  }
}

export const newId = (): string => randomUUID();

let sequence = 0;

/** Opaque version strings shaped like Kibana's (`WzEsMV0=` is base64 of `[1,1]`). */
export function nextVersion(): string {
  sequence += 1;
  return Buffer.from(JSON.stringify([sequence, 1])).toString('base64');
}

export const now = (): string => new Date().toISOString();

/** Deep copy of JSON data, so stored state never aliases request or response objects. */
export const cloneJson = <T>(value: T): T => structuredClone(value);

/** Appends a record, dropping the oldest beyond `max`, so a long-running demo does not grow without bound. */
export function recordBounded<T>(records: T[], record: T, max = 1_000): T {
  records.push(record);
  if (records.length > max) records.shift();
  return record;
}
