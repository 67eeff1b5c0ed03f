import { describe, expect, it } from 'vitest';
import { answerPayload, type ShapeOptions, valueResult } from '../../src/tools/results.js';
import type { KibanaResponse } from '../../src/client/types.js';

const successResult = (response: KibanaResponse, shape: ShapeOptions) => valueResult(answerPayload(response), shape);

const json = (data: unknown, status = 200): KibanaResponse => ({ status, headers: {}, data, contentType: 'application/json' });
const options = { maxChars: 1_000, argumentNames: ['page', 'per_page', 'search'] };
const textOf = (result: ReturnType<typeof successResult>, index = 0) => (result.content[index] as { text: string }).text;

describe('a Kibana answer as a result', () => {
  it('is the data once, as compact JSON text: objects and arrays alike, never structuredContent beside it', () => {
    const object = successResult(json({ id: 'a', nested: { n: 1 } }), options);
    expect(object).toEqual({ content: [{ type: 'text', text: '{"id":"a","nested":{"n":1}}' }] });
    expect(successResult(json([1, 2]), options)).toEqual({ content: [{ type: 'text', text: '[1,2]' }] });
  });

  it('answers an empty 204 with its status', () => {
    expect(textOf(successResult(json(undefined, 204), options))).toBe('{"ok":true,"status":204}');
  });

  it('turns ndjson into items with a count', () => {
    const response: KibanaResponse = { status: 200, headers: {}, data: [{ a: 1 }, { b: 2 }], contentType: 'application/x-ndjson' };
    const result = successResult(response, options);
    expect(JSON.parse(textOf(result))).toEqual({ count: 2, items: [{ a: 1 }, { b: 2 }] });
  });

  it("keeps an export's closing summary apart from the objects", () => {
    const summary = {
      excludedObjects: [],
      exportedCount: 2,
      missingRefCount: 1,
      missingReferences: [{ type: 'index-pattern', id: 'gone' }],
    };
    const data = [{ type: 'dashboard', id: 'a' }, { type: 'dashboard', id: 'b' }, summary];
    const result = successResult({ status: 200, headers: {}, data, contentType: 'application/ndjson' }, options);
    expect(JSON.parse(textOf(result))).toEqual({ count: 2, details: summary, items: data.slice(0, 2) });
    const many = [
      ...Array.from({ length: 200 }, (_, i) => ({ type: 'dashboard', id: `d-${i}`, attributes: { title: 'x'.repeat(20) } })),
      summary,
    ];
    const cut = JSON.parse(textOf(successResult({ status: 200, headers: {}, data: many, contentType: 'application/ndjson' }, options)));
    expect(cut.details).toEqual(summary);
    expect(cut.count).toBe(200);
    expect(cut.items.length).toBeLessThan(200);
  });

  it('cuts a huge list to the longest prefix that fits', () => {
    const items = Array.from({ length: 200_000 }, (_, i) => ({ id: `object-${i}`, title: 'some title' }));
    const result = successResult(json({ saved_objects: items }), { maxChars: 20_000, argumentNames: [] });
    const kept = JSON.parse(textOf(result)).saved_objects.length;
    expect(JSON.stringify({ saved_objects: items.slice(0, kept + 1) }).length).toBeGreaterThan(20_000);
    expect(JSON.stringify({ saved_objects: items.slice(0, kept) }).length).toBeLessThanOrEqual(20_000);
  });

  it('cuts the largest list to what fits and says how much was cut and how to narrow', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ id: `object-${i}`, title: 'x'.repeat(40) }));
    const result = successResult(json({ page: 1, per_page: 100, total: 100, saved_objects: items }), options);
    const kept = JSON.parse(textOf(result));
    expect(textOf(result).length).toBeLessThanOrEqual(1_000);
    expect(kept.total).toBe(100);
    expect(kept.saved_objects.length).toBeGreaterThan(5);
    expect(kept.saved_objects.length).toBeLessThan(100);
    expect(kept.saved_objects[0]).toEqual(items[0]);
    // One more item would not have fitted.
    const oneMore = { ...kept, saved_objects: items.slice(0, kept.saved_objects.length + 1) };
    expect(JSON.stringify(oneMore).length).toBeGreaterThan(1_000);
    expect(textOf(result, 1)).toMatch(new RegExp(`^Truncated: showing ${kept.saved_objects.length} of 100 items of "saved_objects"`));
    expect(textOf(result, 1)).toContain('"per_page", "page", "search"');
  });

  it('cuts a nested list (an Elasticsearch search result) to whole hits', () => {
    const hits = Array.from({ length: 50 }, (_, i) => ({ _id: `alert-${i}`, _source: { message: 'm'.repeat(40) } }));
    const result = successResult(json({ took: 3, hits: { total: { value: 50 }, hits } }), {
      maxChars: 1_000,
      argumentNames: ['size', 'query'],
    });
    const kept = JSON.parse(textOf(result));
    expect(kept.took).toBe(3);
    expect(kept.hits.total).toEqual({ value: 50 });
    expect(kept.hits.hits.length).toBeGreaterThan(0);
    expect(kept.hits.hits[0]).toEqual(hits[0]);
    expect(textOf(result, 1)).toMatch(new RegExp(`^Truncated: showing ${kept.hits.hits.length} of 50 items of "hits.hits"`));
    expect(textOf(result, 1)).toContain('"size", "query"');
  });

  it('cuts the list that takes the room, not a longer list of small buckets beside it', () => {
    const hits = Array.from({ length: 10 }, (_, i) => ({ _id: `alert-${i}`, _source: { message: 'm'.repeat(300) } }));
    const buckets = Array.from({ length: 20 }, (_, i) => ({ key: `rule-${i}`, doc_count: i }));
    const result = successResult(json({ hits: { hits }, aggregations: { by_rule: { buckets } } }), {
      maxChars: 2_000,
      argumentNames: ['size'],
    });
    const kept = JSON.parse(textOf(result));
    expect(kept.aggregations.by_rule.buckets).toHaveLength(20);
    expect(kept.hits.hits.length).toBeGreaterThan(0);
    expect(kept.hits.hits.length).toBeLessThan(10);
    expect(textOf(result, 1)).toMatch(/items of "hits\.hits"/);
  });

  it('keeps the longest prefix that fits when the first items are much smaller than the rest', () => {
    const items = [
      ...Array.from({ length: 300 }, (_, i) => ({ i })),
      ...Array.from({ length: 50 }, (_, i) => ({ i, pad: 'p'.repeat(2_000) })),
    ];
    const result = successResult(json({ items }), { maxChars: 5_000, argumentNames: [] });
    const kept = JSON.parse(textOf(result)).items.length;
    expect(JSON.stringify({ items: items.slice(0, kept) }).length).toBeLessThanOrEqual(5_000);
    expect(JSON.stringify({ items: items.slice(0, kept + 1) }).length).toBeGreaterThan(5_000);
  });

  it('cuts a top-level array the same way', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, pad: 'y'.repeat(30) }));
    const result = successResult(json(items), { maxChars: 1_000, argumentNames: [] });
    expect(JSON.parse(textOf(result)).length).toBeLessThan(200);
    expect(textOf(result, 1)).toContain('items of the result list');
    expect(textOf(result, 1)).toContain('has no arguments that narrow it');
    const withIds = successResult(json(items), { maxChars: 1_000, argumentNames: ['ids', 'space_id'] });
    expect(textOf(withIds, 1)).toContain('fetch single objects by id');
    const paged = successResult(json(items), { maxChars: 1_000, argumentNames: ['page_size', 'page_index'] });
    expect(textOf(paged, 1)).toContain('"page_size", "page_index"');
  });

  it('cuts a large object without lists at the character cap', () => {
    const result = successResult(json({ blob: 'z'.repeat(5_000) }), options);
    expect(textOf(result)).toHaveLength(1_000);
    expect(textOf(result, 1)).toMatch(/^Truncated: showing the first 1000 of 5011 characters/);
  });

  it('caps plain text too', () => {
    const response: KibanaResponse = { status: 200, headers: {}, data: 'line\n'.repeat(500), contentType: 'text/plain' };
    const result = successResult(response, options);
    expect(textOf(result)).toHaveLength(1_000);
    expect(textOf(result, 1)).toContain('Truncated');
  });
});
