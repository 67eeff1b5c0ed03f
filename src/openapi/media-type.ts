// Media types as Kibana's specs write them, repaired and reduced to what a request needs.

export interface MediaType {
  /** Lower-case type without parameters, typos repaired (`application:json`). */
  type: string;
  /** `Elastic-Api-Version=…` parameter of a versioned media type (9.x), sent as a header instead. */
  apiVersion?: string;
}

export function parseMediaType(raw: string): MediaType {
  const [head = '', ...params] = raw.split(';');
  const type = head
    .trim()
    .toLowerCase()
    .replace(/^application:/, 'application/');
  const version = params.map((p) => /^\s*elastic-api-version\s*=\s*"?([^"\s]+)"?\s*$/i.exec(p)?.[1]).find(Boolean);
  return version ? { type, apiVersion: version } : { type };
}

/** Request media types the server can send, best first. */
export const REQUEST_MEDIA_TYPES = ['application/json', 'multipart/form-data', 'application/x-ndjson', 'application/ndjson'];

export function isJsonMediaType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}
