import { writeFile } from 'node:fs/promises';
import { startPrism } from './support/prism.js';
import { SOURCES, upstreamDocument } from './generator/support/upstream.js';
import { trimmedSpec } from './generator/support/trimmed-spec.js';
import { requestSpec } from './api/support/request-spec.js';
import { describedArguments } from './api/support/described-call.js';
import { KibanaApi } from '../src/api/service.js';
import { testClient } from './support/kibana-client.js';
import { checkedCall } from '../src/api/call.js';
const [specId, version, ...keys] = process.argv.slice(2);
const source = SOURCES.specs.find((s) => s.id === specId)!;
const ops = keys.map((k) => { const [method, path] = k.split(' '); return { method: method as any, path: path! }; });
const trimmed = trimmedSpec(requestSpec(await upstreamDocument(source)), ops);
await writeFile('/tmp/scratch/debug.json', JSON.stringify(trimmed));
const prism = await startPrism('/tmp/scratch/debug.json');
const api = await new KibanaApi({ tier: 'destructive', allowInternal: true }).operations(version === 'any' ? undefined : version);
const client = testClient(prism.baseUrl, { timeoutMs: 20000 });
for (const { method, path } of ops) {
  const canon = path.replace(/^\/s\/\{[^}]+\}/, '');
  const op = api.catalogue.operations.find((o) => o.method === method && o.path === canon)!;
  const args = describedArguments(api, op, 'marketing');
  console.log('ARGS', method, path, JSON.stringify(args).slice(0, 1500));
  try {
    const { request } = checkedCall(api, args as any, { tier: 'destructive', allowInternal: true }, 'default');
    console.log('REQUEST', JSON.stringify(request).slice(0, 800));
    const r = await client.request(request);
    console.log('OK', r.status, r.headers['sl-violations']);
  } catch (e: any) {
    console.log('ERR', e.message?.slice(0, 3000));
    try {
      const { request } = checkedCall(api, args as any, { tier: 'destructive', allowInternal: true }, 'default');
      if (request.bodyType === 'json') {
        const url = prism.baseUrl + (request.space ? `/s/${request.space}` : '') + request.path.replace(/\{([^}]+)\}/g, (_: string, n: string) => String((request.params as any)[n]));
        const r = await fetch(url, { method: request.method, headers: { 'content-type': 'application/json', 'kbn-xsrf': 'x', authorization: 'ApiKey x', ...(request.headers ?? {}) }, body: JSON.stringify(request.body) });
        console.log('RAW', r.status, r.headers.get('sl-violations'), (await r.text()).slice(0, 1500));
      }
    } catch {}
  }
}
await prism.stop();
