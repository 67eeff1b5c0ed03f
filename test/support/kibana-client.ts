// A KibanaClient for tests, with short timeouts and no retries unless asked, and a helper for rejections.
import { KibanaClient, type KibanaClientConfig } from '../../src/client/index.js';

export function testClient(baseUrl: string, overrides: Partial<KibanaClientConfig> = {}): KibanaClient {
  return new KibanaClient({
    baseUrl,
    auth: { kind: 'apiKey', apiKey: 'a2V5aWQ6c2VjcmV0' },
    connectTimeoutMs: 2000,
    timeoutMs: 5000,
    retries: 0,
    userAgent: 'kibana-mcp-test/1.0',
    ...overrides,
  });
}

/** Resolves to the rejection of `promise`; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error('expected the promise to reject');
}
