import { describe, expect, it } from 'vitest';
import { isAtLeast } from '../../src/kibana/versions.js';
import { clientStatusProbe, KibanaVersion } from '../../src/tools/kibana-version.js';
import { kibanaError, startRecordingKibana } from '../../harness/recording-kibana.js';
import { testClient } from '../support/kibana-client.js';

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

describe('KibanaVersion through the Kibana client', () => {
  it('asks once per caller, never caches a failure, and keeps each answer for its own caller', async () => {
    const kibana = await startRecordingKibana((request) =>
      request.headers.authorization === 'ApiKey good'
        ? { body: { version: { number: '9.4.1' } }, delayMs: 50 }
        : kibanaError(401, 'Unauthorized', 'bad key'),
    );
    const client = testClient(kibana.url, { auth: { kind: 'none' }, retries: 0 });
    const version = new KibanaVersion(clientStatusProbe(client));

    const [bad, good, goodAgain] = await Promise.all([
      version.get({ authorization: 'ApiKey bad' }),
      version.get({ authorization: 'ApiKey good' }),
      version.get({ authorization: 'ApiKey good' }),
    ]);
    expect([bad, good, goodAgain]).toEqual([undefined, '9.4.1', '9.4.1']);
    expect(kibana.requests).toHaveLength(2);
    // A caller Kibana rejects does not learn the version from another caller's answer (issue 14 §3).
    expect(await version.get({ authorization: 'ApiKey bad' })).toBeUndefined();
    expect(await version.get({ authorization: 'ApiKey good' })).toBe('9.4.1');
    expect(kibana.requests.map((request) => request.headers.authorization)).toEqual(['ApiKey bad', 'ApiKey good', 'ApiKey bad']);

    await client.close();
    await kibana.stop();
  });

  it.each([['string'], [''], [9], ['9.4']])('takes %j for no version, and asks again', async (number) => {
    const kibana = await startRecordingKibana(() => ({ body: { version: { number } } }));
    const client = testClient(kibana.url, { auth: { kind: 'none' }, retries: 0 });
    const version = new KibanaVersion(clientStatusProbe(client));
    expect(await version.get()).toBeUndefined();
    expect(await version.get()).toBeUndefined();
    expect(kibana.requests).toHaveLength(2);
    await client.close();
    await kibana.stop();
  });
});
