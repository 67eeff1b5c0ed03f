// The HTTP methods Kibana's public API uses.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `METHOD path`, the key of an operation everywhere (operationIds drift between versions; this does not). */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}
