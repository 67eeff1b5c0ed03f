// A short URL (global, found by id or by slug).

export interface ShortUrl {
  id: string;
  slug: string;
  locator: { id: string; version: string; state: unknown };
  accessCount: number;
  accessDate: number;
  createDate: number;
}
