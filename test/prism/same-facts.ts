// Operations two catalogued specs describe alike: the same method and path, and the same request facts
// (parameters, body, effect, space, curated tool) referring to the same components, alike too. A request to one of them is the
// same on both specs and meets the same schemas, so it is judged once, on the later spec.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CATALOGUE_KEYS } from '../../src/catalogue/model.js';
import { HTTP_METHODS } from '../../src/kibana/http.js';
import { SOURCES } from '../generator/support/upstream.js';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a request does not depend on: the words about an operation, its answers, and the versions it holds on. */
const NOT_REQUEST_FACTS = new Set(['summary', 'operationId', 'tags', 'description', 'responses', CATALOGUE_KEYS.versions]);

type Json = Record<string, unknown>;
const factsBySpec = new Map<string, Map<string, string>>();

/** `METHOD path` → the operation's request facts and every component they refer to, as JSON, for the catalogued spec `spec`. */
function requestFacts(spec: string): Map<string, string> {
  let facts = factsBySpec.get(spec);
  if (facts) return facts;
  const document = JSON.parse(readFileSync(join(ROOT, 'openapi/catalogue', `${spec}.json`), 'utf8')) as Json & {
    paths: Record<string, Record<string, Json>>;
  };
  facts = new Map();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method.toLowerCase()];
      if (!operation) continue;
      const request = Object.fromEntries(Object.entries(operation).filter(([key]) => !NOT_REQUEST_FACTS.has(key)));
      const components = [...referredTo(document, request)].sort().map((ref) => [ref, pointedAt(document, ref)]);
      facts.set(`${method} ${path}`, JSON.stringify([request, components]));
    }
  }
  factsBySpec.set(spec, facts);
  return facts;
}

/** The `#/…` references `node` makes, and those the parts they point at make in turn. */
function referredTo(document: Json, node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) referredTo(document, item, found);
  else if (typeof node === 'object' && node !== null) {
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && !found.has(ref)) {
      found.add(ref);
      referredTo(document, pointedAt(document, ref), found);
    }
    for (const value of Object.values(node)) referredTo(document, value, found);
  }
  return found;
}

function pointedAt(document: Json, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((at, part) => (at as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/**
 * The operations of `spec` (`METHOD path`) that a later spec of openapi/specs.yaml describes alike, by
 * that spec's id; `judgedThere` says whether the later spec's judge can take the operation.
 */
export function alikeOnLaterSpec(spec: string, judgedThere: (laterSpec: string, key: string) => boolean): Map<string, string> {
  const ids = SOURCES.specs.map((source) => source.id);
  const later = ids.slice(ids.indexOf(spec) + 1);
  const alike = new Map<string, string>();
  for (const [key, facts] of requestFacts(spec)) {
    const there = later.find((other) => requestFacts(other).get(key) === facts && judgedThere(other, key));
    if (there) alike.set(key, there);
  }
  return alike;
}
