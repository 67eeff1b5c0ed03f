// The parts of undici a request needs, loaded with the first request. undici's index loads every part
// it has (fetch, WebSocket, EventSource, the HTTP cache, mocks): about 110 modules and 4.8 MB of heap
// that stays for the life of the server, where the Agent and its request method take 25 modules and
// 2.2 MB. undici has no exports map, so these paths can be imported; test/client/undici-parts.test.ts
// checks that each is what the index exports, so an upgrade that moves one fails there.
import type { Agent, Dispatcher, FormData } from 'undici';

export interface Sender {
  agent: Agent;
  /** The index's `agent.request`, which undici's index puts on the Dispatcher prototype. */
  send(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}

export async function loadSender(options: Agent.Options): Promise<Sender> {
  const [{ default: AgentClass }, { default: request }] = await Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/api/api-request.js'),
  ]);
  const agent = new AgentClass(options);
  return { agent, send: (requestOptions) => request.call(agent, requestOptions) };
}

/** undici's FormData (Node's global one is not accepted by undici 7), for multipart bodies only. */
export async function loadFormData(): Promise<typeof FormData> {
  return (await import('undici/lib/web/fetch/formdata.js')).default.FormData;
}
