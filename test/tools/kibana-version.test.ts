import { describe, expect, it } from 'vitest';
import { KibanaClient } from '../../src/client/index.js';
import { isAtLeast } from '../../src/kibana/versions.js';
import { KibanaVersion } from '../../src/tools/kibana-version.js';
import { kibanaError, startRecordingKibana } from '../e2e/support/recording-kibana.js';

describe('isAtLeast', () => {
  it.each([
    ['9.4.0', '9.4.0', true],
    ['9.4.1', '9.4.0', true],
    ['9.10.0', '9.4.0', true],
    ['10.0.0', '9.4.0', true],
    ['9.3.9', '9.4.0', false],
    ['8.18.2', '9.4.0', false],
    ['9.4.0-SNAPSHOT', '9.4.0', true],
    ['9.3.0-SNAPSHOT', '9.4.0', false],
  ])('%s is at least %s: %s', (version, floor, expected) => {
    expect(isAtLeast(version, floor)).toBe(expected);
  });
});

const clientOf = (baseUrl: string) =>
  new KibanaClient({ baseUrl, auth: { kind: 'none' }, connectTimeoutMs: 1_000, timeoutMs: 2_000, retries: 0, userAgent: 'test' });

describe('KibanaVersion', () => {
  it('asks once per caller until one answer is known, and never caches a failure', async () => {
    const kibana = await startRecordingKibana((request) =>
      request.headers.authorization === 'ApiKey good'
        ? { body: { version: { number: '9.4.1' } }, delayMs: 50 }
        : kibanaError(401, 'Unauthorized', 'bad key'),
    );
    const client = clientOf(kibana.url);
    const version = new KibanaVersion(client);

    const [bad, good, goodAgain] = await Promise.all([
      version.get({ authorization: 'ApiKey bad' }),
      version.get({ authorization: 'ApiKey good' }),
      version.get({ authorization: 'ApiKey good' }),
    ]);
    expect([bad, good, goodAgain]).toEqual([undefined, '9.4.1', '9.4.1']);
    expect(kibana.requests).toHaveLength(2);
    expect(await version.get({ authorization: 'ApiKey bad' })).toBe('9.4.1');
    expect(kibana.requests).toHaveLength(2);

    await client.close();
    await kibana.stop();
  });

  it.each([['string'], [''], [9], ['9.4']])('takes %j for no version, and asks again', async (number) => {
    const kibana = await startRecordingKibana(() => ({ body: { version: { number } } }));
    const client = clientOf(kibana.url);
    const version = new KibanaVersion(client);
    expect(await version.get()).toBeUndefined();
    expect(await version.get()).toBeUndefined();
    expect(kibana.requests).toHaveLength(2);
    await client.close();
    await kibana.stop();
  });
});
