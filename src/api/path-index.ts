// The catalogue's path templates, compiled for matching a given path (template, filled in, or a mix).
// Literal segments beat parameters position by position, as Kibana's router prefers them.
import { canonicalTemplate, type CatalogueEntry } from './catalogue.js';
import type { GivenSegment } from './path-syntax.js';

interface TemplateSegment {
  raw: string;
  /** The parameter names in this segment (none for a literal one). */
  names: string[];
  /** Matches a value against a segment with parameters; captures one group per name. */
  pattern?: RegExp;
}

export interface CompiledTemplate {
  entry: CatalogueEntry;
  /** The template without its space parameter prefix. */
  path: string;
  /** The name of the template's own space parameter (`/s/{spaceId}/…`), if it has one. */
  spaceParameter?: string;
  segments: TemplateSegment[];
  /** Per segment: 2 literal, 1 literal with a parameter in it, 0 parameter. */
  specificity: number[];
}

/** One template parameter as the given path had it: a value, or a placeholder (whose value comes from path_params). */
export type Capture = { value: string } | { placeholder: string };

export interface PathMatch {
  template: CompiledTemplate;
  captures: Map<string, Capture>;
}

export type PathIndex = ReadonlyMap<number, readonly CompiledTemplate[]>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSegment(raw: string): TemplateSegment {
  const names = [...raw.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  if (names.length === 0) return { raw, names };
  const source = raw
    .split(/\{[^}]+\}/)
    .map(escapeRegExp)
    .join('(.+?)');
  return { raw, names, pattern: new RegExp(`^${source}$`) };
}

function compile(entry: CatalogueEntry): CompiledTemplate {
  const { path, spaceParameter } = canonicalTemplate(entry.specPath ?? entry.path);
  const segments = path.slice(1).split('/').map(compileSegment);
  const specificity = segments.map((segment) =>
    segment.names.length === 0 ? 2 : segment.raw.startsWith('{') && segment.raw.endsWith('}') ? 0 : 1,
  );
  return { entry, path, ...(spaceParameter ? { spaceParameter } : {}), segments, specificity };
}

/** Templates grouped by their number of segments, each group most specific first. */
export function buildPathIndex(entries: readonly CatalogueEntry[]): PathIndex {
  const index = new Map<number, CompiledTemplate[]>();
  for (const template of entries.map(compile)) {
    const group = index.get(template.segments.length) ?? [];
    group.push(template);
    index.set(template.segments.length, group);
  }
  for (const group of index.values()) group.sort(bySpecificity);
  return index;
}

function bySpecificity(a: CompiledTemplate, b: CompiledTemplate): number {
  for (let i = 0; i < a.specificity.length; i += 1) {
    const difference = b.specificity[i]! - a.specificity[i]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The captures of `given` against one template, or undefined when it does not fit. */
function matchSegments(template: CompiledTemplate, given: readonly GivenSegment[]): Map<string, Capture> | undefined {
  const captures = new Map<string, Capture>();
  for (let i = 0; i < given.length; i += 1) {
    const part = given[i]!;
    const segment = template.segments[i]!;
    if (part.kind === 'placeholder') {
      if (segment.names.length === 0) return undefined;
      if (part.raw === segment.raw) for (const name of segment.names) captures.set(name, { placeholder: name });
      else {
        // A placeholder under another name (`{id}` where the spec says `{agentId}`) fills a whole-segment parameter.
        const alias = /^\{([^}]+)\}$/.exec(part.raw)?.[1];
        if (alias === undefined || template.specificity[i] !== 0) return undefined;
        captures.set(segment.names[0]!, { placeholder: alias });
      }
    } else if (!segment.pattern) {
      if (part.value !== segment.raw) return undefined;
    } else {
      const match = segment.pattern.exec(part.value);
      if (!match) return undefined;
      segment.names.forEach((name, k) => captures.set(name, { value: match[k + 1]! }));
    }
  }
  return captures;
}

/** Every template of that length the given segments fit, most specific first. */
export function matchPath(index: PathIndex, given: readonly GivenSegment[]): PathMatch[] {
  const found: PathMatch[] = [];
  for (const template of index.get(given.length) ?? []) {
    const captures = matchSegments(template, given);
    if (captures) found.push({ template, captures });
  }
  return found;
}
