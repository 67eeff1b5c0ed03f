// Where a request goes: base URL sub-path + optional space prefix + filled path template.

import { DEFAULT_SPACE, SPACE_ID_PATTERN } from '../kibana/spaces.js';

export interface BaseUrl {
  /** `https://host:port`, as undici's dispatcher wants it. */
  origin: string;
  /** Sub-path of the base URL without a trailing slash (`/kibana`), or `''`. */
  basePath: string;
}

export function parseBaseUrl(baseUrl: string): BaseUrl {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must use http or https');
  // Credentials in the URL would leak into logs and errors: they belong in `auth`.
  if (url.username !== '' || url.password !== '') throw new TypeError('baseUrl must not contain credentials; use auth');
  if (url.search !== '' || url.hash !== '') throw new TypeError('baseUrl must not have a query string or fragment');
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

/**
 * Fills `{name}` placeholders from `params` (each value stays one path segment) and adds
 * `/s/{space}` when a space other than the default is given: whether an operation lives in a
 * space is the caller's fact (see kibana/spaces.ts), not the client's. A template that already
 * names its space (`/s/{spaceId}/…`) gets no second prefix. Returns the Kibana path, without the
 * base sub-path.
 */
export function resolvePath(template: string, params: Record<string, string | number> | undefined, space: string | undefined): string {
  const rooted = template.startsWith('/') ? template : `/${template}`;
  const path = rooted.includes('{') ? rooted.replace(/\{([^}]+)\}/g, (_, name: string) => segment(name, params?.[name])) : rooted;
  if (space === undefined || space === DEFAULT_SPACE || rooted.startsWith('/s/')) return path;
  if (!SPACE_ID_PATTERN.test(space)) throw new TypeError(`invalid space id '${space}'`);
  return `/s/${space}${path}`;
}

function segment(name: string, value: string | number | undefined): string {
  if (value === undefined) throw new TypeError(`missing value for path parameter '${name}'`);
  if (value === '') throw new TypeError(`path parameter '${name}' cannot be empty`);
  const text = String(value);
  // encodeURIComponent leaves dots alone; a whole `.`/`..` segment would be normalised away by proxies.
  if (text === '.' || text === '..') throw new TypeError(`path parameter '${name}' cannot be '${text}'`);
  return encodeURIComponent(wellFormed(text, `path parameter '${name}'`));
}

/** A lone surrogate has no UTF-8 form: encodeURIComponent would throw a bare URIError for it. */
export function wellFormed(text: string, what: string): string {
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw new TypeError(`${what} is not valid Unicode (it holds a lone surrogate)`);
  }
  return text;
}
