// Tags by name. A name that no tag of the space has (ignoring case) is created: tags are labels,
// Kibana's own editor creates them as they are typed, and no other tool can create one. Callers
// create tags only once everything else has been checked, so a refused dashboard creates none.
import type { ToolContext } from '../../tools/runtime/tool.js';
import { asArray, asRecord } from '../json.js';
import type { ResolvedTag } from '../resolved.js';

const TAG_TYPE = 'tag';
/** Enough for any space's tags in one page (Kibana's page limit is 10,000). */
const TAGS_PER_PAGE = 10_000;
const COLORS = ['#54B399', '#6092C0', '#D36086', '#9170B8', '#CA8EAE', '#D6BF57', '#B9A888', '#DA8B45', '#AA6556', '#E7664C'];

export async function spaceTags(context: ToolContext, space: string): Promise<ResolvedTag[]> {
  const response = await context.kibana({
    method: 'GET',
    path: '/api/saved_objects/_find',
    query: { type: TAG_TYPE, per_page: TAGS_PER_PAGE, fields: 'name' },
    space,
  });
  return asArray(asRecord(response.data).saved_objects).map((item) => {
    const object = asRecord(item);
    return { id: String(object.id), name: String(asRecord(object.attributes).name ?? object.id) };
  });
}

export interface NamedTags {
  tags: ResolvedTag[];
  /** The names that had no tag and were created. */
  created: string[];
}

export async function tagsNamed(context: ToolContext, space: string, names: readonly string[]): Promise<NamedTags> {
  if (names.length === 0) return { tags: [], created: [] };
  const existing = await spaceTags(context, space);
  const tags: ResolvedTag[] = [];
  const created: string[] = [];
  for (const name of new Set(names)) {
    const found = existing.find((tag) => tag.name === name) ?? existing.find((tag) => tag.name.toLowerCase() === name.toLowerCase());
    if (found) {
      tags.push(found);
      continue;
    }
    const response = await context.kibana({
      method: 'POST',
      path: '/api/saved_objects/{type}',
      params: { type: TAG_TYPE },
      body: { attributes: { name, description: '', color: colorOf(name) } },
      space,
    });
    const tag = { id: String(asRecord(response.data).id), name };
    existing.push(tag);
    tags.push(tag);
    created.push(name);
  }
  return { tags, created };
}

/** A colour of Kibana's palette, the same for the same name. */
function colorOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}
