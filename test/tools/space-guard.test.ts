import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KibanaClient, KibanaError } from '../../src/client/index.js';
import { MissingSpaceError, SpaceGuard, spacesWrittenBy } from '../../src/tools/space-guard.js';
import { kibanaError, startRecordingKibana, type RecordingKibana } from '../../harness/recording-kibana.js';
import { rejection, testClient } from '../support/kibana-client.js';

let kibana: RecordingKibana;
let client: KibanaClient;
let now = 0;

beforeAll(async () => {
  kibana = await startRecordingKibana();
  client = testClient(kibana.url);
});
afterAll(async () => {
  await client.close();
  await kibana.stop();
});
beforeEach(() => {
  kibana.requests.length = 0;
  now = 0;
  kibana.handle((request) =>
    request.path === '/api/spaces/space/missing' ? kibanaError(404, 'Not Found', 'not found') : { body: { id: 'x' } },
  );
});

const guard = () => new SpaceGuard(client, { ttlMs: 1_000, now: () => now });

describe('SpaceGuard', () => {
  it('never asks about the default space', async () => {
    await guard().assertExists('default');
    expect(kibana.requests).toHaveLength(0);
  });

  it('asks Kibana once per space within the time to live, then again', async () => {
    const spaces = guard();
    await spaces.assertExists('marketing');
    await spaces.assertExists('marketing');
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/spaces/space/marketing']);
    now = 1_001;
    await spaces.assertExists('marketing');
    expect(kibana.requests).toHaveLength(2);
  });

  it('refuses a space Kibana does not know, and does not remember the refusal', async () => {
    const spaces = guard();
    await expect(spaces.assertExists('missing')).rejects.toBeInstanceOf(MissingSpaceError);
    await expect(spaces.assertExists('missing')).rejects.toThrow('Space "missing" does not exist, so nothing was written');
    // Each refusal: the check, then the listing that names the spaces nearest to it.
    expect(kibana.requests.map((request) => request.path)).toEqual([
      '/api/spaces/space/missing',
      '/api/spaces/space',
      '/api/spaces/space/missing',
      '/api/spaces/space',
    ]);
  });

  it('names the existing spaces nearest to a missing one, by id or by name', async () => {
    const spaces = [
      { id: 'default', name: 'Default' },
      { id: 'marketing', name: 'Marketing' },
      { id: 'sec-ops', name: 'secops' },
      { id: 'finance', name: 'Finance' },
    ];
    kibana.handle((request) => (request.path === '/api/spaces/space' ? { body: spaces } : kibanaError(404, 'Not Found', 'not found')));
    await expect(guard().assertExists('marketng')).rejects.toThrow(
      'Space "marketng" does not exist, so nothing was written. Nearest existing spaces: "marketing" (Marketing). Pass an existing space_id (list_spaces shows them all), or create the space first (create_space).',
    );
    await expect(guard().assertExists('secops', {}, 'read')).rejects.toThrow(
      'Space "secops" does not exist, so there is nothing to read in it. Nearest existing spaces: "sec-ops" (secops). Pass an existing space_id (list_spaces shows them all).',
    );
    // Nothing near: the first existing spaces, so that the agent need not list them itself.
    const far = await rejection(guard().assertExists('zzzzzz', {}, 'read'));
    expect(far.message).toContain(
      'Existing spaces: "default" (Default), "marketing" (Marketing), "sec-ops" (secops), "finance" (Finance).',
    );
  });

  it('still refuses, naming no space, when the spaces cannot be listed; a huge id is compared by its start', async () => {
    kibana.handle(() => kibanaError(404, 'Not Found', 'not found'));
    const refusal = await rejection(guard().assertExists(`m${'x'.repeat(5_000)}`));
    expect(refusal).toBeInstanceOf(MissingSpaceError);
    expect(refusal.message).not.toContain('spaces:');
  });

  it('passes other failures on as they are', async () => {
    kibana.handle(() => kibanaError(403, 'Forbidden', 'no access'));
    await expect(guard().assertExists('secret')).rejects.toMatchObject({ category: 'forbidden' } satisfies Partial<KibanaError>);
  });

  it("asks with the caller's credentials and remembers per caller", async () => {
    const spaces = guard();
    await spaces.assertExists('marketing', { authorization: 'ApiKey alice' });
    await spaces.assertExists('marketing', { authorization: 'ApiKey bob' });
    await spaces.assertExists('marketing', { authorization: 'ApiKey alice' });
    expect(kibana.requests.map((request) => request.headers.authorization)).toEqual(['ApiKey alice', 'ApiKey bob']);
  });
});

describe('spacesWrittenBy', () => {
  it('names the space a write runs in and the target spaces of a copy', () => {
    expect(spacesWrittenBy({ method: 'POST', path: '/api/data_views/data_view', space: 'a' }, true)).toEqual(['a']);
    expect(spacesWrittenBy({ method: 'POST', path: '/api/data_views/data_view' }, true)).toEqual([]);
    expect(
      spacesWrittenBy({ method: 'POST', path: '/api/spaces/_copy_saved_objects', space: 'a', body: { spaces: ['b', 'a', 7] } }, true),
    ).toEqual(['a', 'b']);
    expect(spacesWrittenBy({ method: 'PUT', path: '/api/spaces/space/{id}', params: { id: 'x' }, space: 'a' }, false)).toEqual([]);
  });
});

describe('SpaceGuard.observe', () => {
  it('forgets a space once it is deleted through the server, and nothing else', async () => {
    const spaces = guard();
    await spaces.assertExists('gone', { authorization: 'ApiKey a' });
    await spaces.assertExists('kept');
    spaces.observe({ method: 'DELETE', path: '/api/spaces/space/{id}', params: { id: 'gone' } });
    spaces.observe({ method: 'GET', path: '/api/spaces/space/{id}', params: { id: 'kept' } });
    kibana.requests.length = 0;
    await spaces.assertExists('gone', { authorization: 'ApiKey a' });
    await spaces.assertExists('kept');
    expect(kibana.requests.map((request) => request.path)).toEqual(['/api/spaces/space/gone']);
  });
});
