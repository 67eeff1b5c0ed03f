// A small KQL evaluator for the `filter`/`kqlQuery` parameters: `field:value`, quoted values,
// `*` wildcards, `field:(a or b)`, range comparisons, `and`/`or`/`not` and parentheses.

import { badRequest } from '../http/errors.js';
import { fieldValues } from './fields.js';
import { wildcardRegExp } from './wildcard.js';

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; operand: Node }
  | { kind: 'match'; field: string | undefined; values: string[] }
  | { kind: 'range'; field: string; operator: string; value: string };

/** Maps a KQL field name (`alert.attributes.tags`) to the document path it reads. */
export type FieldMapper = (field: string) => string;

export function matchesKql(query: string, document: unknown, mapField: FieldMapper = (field) => field): boolean {
  if (query.trim() === '') return true;
  return evaluate(parseKql(query), document, mapField);
}

function evaluate(node: Node, document: unknown, mapField: FieldMapper): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, document, mapField) && evaluate(node.right, document, mapField);
    case 'or':
      return evaluate(node.left, document, mapField) || evaluate(node.right, document, mapField);
    case 'not':
      return !evaluate(node.operand, document, mapField);
    case 'range':
      return fieldValues(document, mapField(node.field)).some((value) => compare(value, node.operator, node.value));
    case 'match': {
      const candidates = node.field === undefined ? [JSON.stringify(document)] : fieldValues(document, mapField(node.field)).map(String);
      return node.values.some((value) => candidates.some((candidate) => valueMatches(candidate, value, node.field === undefined)));
    }
  }
}

function valueMatches(candidate: string, pattern: string, partial: boolean): boolean {
  return wildcardRegExp(pattern, !partial).test(candidate);
}

function compare(value: unknown, operator: string, bound: string): boolean {
  const numeric = typeof value === 'number' && !Number.isNaN(Number(bound));
  const left = numeric ? (value as number) : String(value);
  const right = numeric ? Number(bound) : bound;
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

const TOKEN = /\s*(\(|\)|:|<=|>=|<|>|"(?:[^"\\]|\\.)*"|[^\s():<>"]+)/y;

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < query.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(query);
    if (!match) {
      if (query.slice(start).trim() === '') break;
      throw badRequest(`KQLSyntaxError: cannot parse [${query}]`);
    }
    tokens.push(match[1]!);
  }
  return tokens;
}

function parseKql(query: string): Node {
  const tokens = tokenize(query);
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const keyword = (word: string): boolean => peek()?.toLowerCase() === word;
  const fail = (): never => {
    throw badRequest(`KQLSyntaxError: cannot parse [${query}]`);
  };
  const take = (): string => (position < tokens.length ? tokens[position++]! : fail());
  const unquote = (token: string): string => (token.startsWith('"') ? JSON.parse(token) : token);

  const binary = (kind: 'and' | 'or', operand: () => Node) => (): Node => {
    let left = operand();
    while (keyword(kind)) {
      position++;
      left = { kind, left, right: operand() };
    }
    return left;
  };
  const values = (): string[] => {
    if (peek() !== '(') return [unquote(take())];
    position++;
    const list = [unquote(take())];
    while (keyword('or')) {
      position++;
      list.push(unquote(take()));
    }
    if (take() !== ')') fail();
    return list;
  };
  const primary = (): Node => {
    if (keyword('not')) {
      position++;
      return { kind: 'not', operand: primary() };
    }
    if (peek() === '(') {
      position++;
      const inner = or();
      if (take() !== ')') fail();
      return inner;
    }
    const first = take();
    const operator = peek();
    if (operator === ':') {
      position++;
      return { kind: 'match', field: first, values: values() };
    }
    if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') {
      position++;
      return { kind: 'range', field: first, operator, value: unquote(take()) };
    }
    return { kind: 'match', field: undefined, values: [unquote(first)] };
  };
  const and = binary('and', primary);
  const or = binary('or', and);

  const tree = or();
  if (position < tokens.length) fail();
  return tree;
}
