// The Ajv stand-in for Prism answers like Prism: 422 naming what is wrong, 200 when nothing is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismServer } from '../support/prism.js';
import { startAjvJudge } from './support/ajv-judge.js';

const SPEC = {
  openapi: '3.0.0',
  paths: {
    '/api/things/{id}': {
      put: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'kbn-xsrf', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'number', maximum: 10 } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' } } } },
        responses: { '200': { description: 'ok' } },
      },
    },
  },
  components: { schemas: { thing: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] } } },
};

let judge: PrismServer;
beforeAll(async () => {
  judge = await startAjvJudge(SPEC);
});
afterAll(() => judge.stop());

const put = (path: string, body: unknown, headers: Record<string, string> = { 'kbn-xsrf': 'true' }) =>
  fetch(`${judge.baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('Ajv judge', () => {
  it('accepts a request the spec allows, in a space too', async () => {
    expect((await put('/api/things/a?limit=3', { title: 't' })).status).toBe(200);
    expect((await put('/s/marketing/api/things/a', { title: 't' })).status).toBe(200);
  });

  it('names each violation: body, query, header, unknown query parameter and unknown operation', async () => {
    const wrong = await put('/api/things/a?limit=30&colour=red', { title: 7 }, {});
    expect(wrong.status).toBe(422);
    const { message } = (await wrong.json()) as { message: string };
    expect(message.split('; ').sort()).toEqual([
      'body.title: must be string',
      'header.kbn-xsrf: required',
      'query.colour: not a parameter of the operation',
      'query.limit: must be <= 10',
    ]);
    const unknown = await fetch(`${judge.baseUrl}/api/nothing`, { method: 'GET' });
    expect(((await unknown.json()) as { message: string }).message).toBe('GET /api/nothing: no such operation in the spec');
  });
});
