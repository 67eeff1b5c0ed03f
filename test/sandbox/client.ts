// A tiny HTTP client for sandbox tests: API-key auth and kbn-xsrf by default, JSON in and out.

import { afterAll, beforeAll } from 'vitest';

/** What fetch accepts as a body (the DOM lib, which declares BodyInit, is not loaded here). */
type BodyInit = NonNullable<RequestInit['body']>;
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/index.js';

export interface CallOptions {
  body?: unknown;
  /** Raw body (such as FormData) sent as is. */
  rawBody?: BodyInit;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  /** false: send no Authorization header. */
  auth?: string | false;
  xsrf?: boolean;
}

export interface CallResult<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function call<T = any>(sandbox: Sandbox, method: string, path: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const url = new URL(path, sandbox.url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of [value].flat()) url.searchParams.append(key, item);
  }
  const headers: Record<string, string> = { ...options.headers };
  const auth = options.auth ?? `ApiKey ${sandbox.credentials.apiKey}`;
  if (auth !== false) headers.authorization = auth;
  if (options.xsrf ?? method !== 'GET') headers['kbn-xsrf'] = 'sandbox-tests';
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    // ndjson and other text bodies stay text
  }
  return { status: response.status, body: parsed as T, text, headers: response.headers };
}

/** Starts one sandbox for the test file and stops it afterwards. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };
}
