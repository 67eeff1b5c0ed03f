// An agent on a small result budget (--max-result-chars 2000) lists everything, gets a cut result
// with a notice, and narrows the call the way the notice says until it sees every object.
import { beforeAll, describe, expect, it } from 'vitest';
import { useScenario, type Agent } from './support/scenario.js';

const scenario = useScenario();
let agent: Agent;
const CAP = 2000;
const TYPES = ['index-pattern', 'dashboard', 'lens', 'alert', 'action'];

beforeAll(async () => {
  agent = await scenario.connect(['--toolsets', 'saved_objects,detection_alerts', '--max-result-chars', String(CAP)]);
});

const texts = (result: { content: unknown[] }) => (result.content as { type: string; text: string }[]).map((part) => part.text);

describe('results over the size cap', () => {
  it('find_saved_objects is cut to whole items with a notice, then narrowed with per_page and fields and paged through', async () => {
    const everything = scenario.sandbox.state.savedObjects.list('default', TYPES).map((object) => `${object.type}:${object.id}`);
    expect(everything).toHaveLength(11);

    const cut = await agent.call('find_saved_objects', { type: TYPES });
    expect(cut.isError).toBeFalsy();
    const [json, notice] = texts(cut);
    expect(json!.length).toBeLessThanOrEqual(CAP);
    const partial = JSON.parse(json!) as { total: number; saved_objects: unknown[] };
    expect(partial.total).toBe(11);
    expect(partial.saved_objects.length).toBeGreaterThan(0);
    expect(partial.saved_objects.length).toBeLessThan(11);
    expect(notice).toMatch(
      new RegExp(
        `^Truncated: showing ${partial.saved_objects.length} of 11 items of "saved_objects" \\(\\d+ characters in full, cap ${CAP}\\)`,
      ),
    );
    expect(notice).toMatch(/Narrow the call with "per_page", "page", "fields"/);

    // Narrowed as advised: three per page, titles only; every page fits, together they cover everything.
    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const result = await agent.call('find_saved_objects', { type: TYPES, per_page: 3, page, fields: ['title', 'name'] });
      const parts = texts(result);
      // No truncation; a page whose objects all lack "name" says so.
      expect(
        parts.slice(1).every((notice) => notice.startsWith('fields: no returned object')),
        `page ${page} should fit`,
      ).toBe(true);
      const body = JSON.parse(parts[0]!) as {
        total: number;
        saved_objects: { type: string; id: string; attributes: Record<string, unknown> }[];
      };
      expect(body.total).toBe(11);
      for (const object of body.saved_objects) {
        expect(Object.keys(object.attributes).every((name) => name === 'title' || name === 'name')).toBe(true);
        seen.push(`${object.type}:${object.id}`);
      }
    }
    expect(seen.sort()).toEqual([...everything].sort());

    // Or narrowed by a filter to what the agent wanted in the first place.
    const dashboards = await agent.call('find_saved_objects', { type: 'dashboard', search: 'web*' });
    expect(texts(dashboards)).toHaveLength(1);
    expect(JSON.parse(texts(dashboards)[0]!).saved_objects.map((object: { id: string }) => object.id)).toEqual(['web-traffic-dashboard']);
  });

  it('a narrowed alert search (size and source) fits the cap', async () => {
    const result = await agent.call('search_detection_alerts', {
      size: 5,
      source: ['kibana.alert.rule.name', 'kibana.alert.severity'],
      query: { term: { 'kibana.alert.workflow_status': 'open' } },
    });
    const parts = texts(result);
    expect(parts).toHaveLength(1);
    const body = JSON.parse(parts[0]!);
    expect(body.hits.hits).toHaveLength(5);
    expect(body.hits.total.value).toBe(12);
  });

  it('an oversized alert search keeps whole hits and says how many of them it shows', async () => {
    const result = await agent.call('search_detection_alerts', { size: 20 });
    const [json, notice] = texts(result);
    const body = JSON.parse(json!);
    expect(body.hits.hits.length).toBeGreaterThan(0);
    expect(notice).toMatch(new RegExp(`showing ${body.hits.hits.length} of 20 items`));
    expect(notice).toMatch(/"size"/);
  });
});
