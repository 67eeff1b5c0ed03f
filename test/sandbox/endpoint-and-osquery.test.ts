import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox();

describe('Elastic Defend hosts', () => {
  it('lists the hosts whose policy runs Elastic Defend, with their status, filterable by KQL and status', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/endpoint/metadata');
    expect(body.total).toBe(3);
    expect(body.data.map((host: { metadata: { host: { hostname: string } } }) => host.metadata.host.hostname).sort()).toEqual([
      'laptop-ana',
      'web-01',
      'win-dc-01',
    ]);
    const offline = await call(sandbox(), 'GET', '/api/endpoint/metadata', { query: { hostStatuses: 'offline' } });
    expect(offline.body.data.map((host: { metadata: { agent: { id: string } } }) => host.metadata.agent.id)).toEqual(['agent-laptop-ana']);
    const windows = await call(sandbox(), 'GET', '/api/endpoint/metadata', { query: { kuery: 'united.endpoint.host.os.family:windows' } });
    expect(windows.body.total).toBe(1);
    const one = await call(sandbox(), 'GET', '/api/endpoint/metadata/agent-web-01');
    expect(one.body).toMatchObject({ host_status: 'healthy', metadata: { Endpoint: { state: { isolation: false } } } });
    expect((await call(sandbox(), 'GET', '/api/endpoint/metadata/agent-db-01')).status).toBe(404);
  });

  it('answers the policy response of a host', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/endpoint/policy_response', { query: { agentId: 'agent-win-dc-01' } });
    expect(body.policy_response.agent.id).toBe('agent-win-dc-01');
    expect(body.policy_response.Endpoint.policy.applied.status).toBe('success');
  });
});

describe('response actions (recorded, never executed)', () => {
  it('isolates an online host at once and releases it; the host metadata follows', async () => {
    const isolated = await call(sandbox(), 'POST', '/api/endpoint/action/isolate', {
      body: { endpoint_ids: ['agent-web-01'], comment: 'contain' },
    });
    expect(isolated.status).toBe(200);
    expect(isolated.body.data).toMatchObject({
      command: 'isolate',
      agents: ['agent-web-01'],
      isCompleted: true,
      status: 'successful',
      comment: 'contain',
      hosts: { 'agent-web-01': { name: 'web-01' } },
    });
    expect(isolated.body.action).toBe(isolated.body.data.id);
    expect((await call(sandbox(), 'GET', '/api/endpoint/metadata/agent-web-01')).body.metadata.Endpoint.state.isolation).toBe(true);
    await call(sandbox(), 'POST', '/api/endpoint/action/unisolate', { body: { endpoint_ids: ['agent-web-01'] } });
    expect((await call(sandbox(), 'GET', '/api/endpoint/metadata/agent-web-01')).body.metadata.Endpoint.state.isolation).toBe(false);
  });

  it('leaves an action on an offline host pending, and counts it in the action status', async () => {
    const pending = await call(sandbox(), 'POST', '/api/endpoint/action/isolate', { body: { endpoint_ids: ['agent-laptop-ana'] } });
    expect(pending.body.data).toMatchObject({ isCompleted: false, status: 'pending' });
    expect((await call(sandbox(), 'GET', '/api/endpoint/metadata/agent-laptop-ana')).body.metadata.Endpoint.state.isolation).toBe(false);
    const status = await call(sandbox(), 'GET', '/api/endpoint/action_status', {
      query: { agent_ids: ['agent-laptop-ana', 'agent-web-01'] },
    });
    expect(status.body.data).toEqual([
      { agent_id: 'agent-laptop-ana', pending_actions: expect.objectContaining({ isolate: 1, unisolate: 0 }) },
      { agent_id: 'agent-web-01', pending_actions: expect.objectContaining({ isolate: 0 }) },
    ]);
  });

  it('lists running processes, and kills or suspends one by pid', async () => {
    const processes = await call(sandbox(), 'POST', '/api/endpoint/action/running_procs', { body: { endpoint_ids: ['agent-win-dc-01'] } });
    const entries = processes.body.data.outputs['agent-win-dc-01'].content.entries;
    expect(entries.length).toBeGreaterThan(2);
    const target = entries.find((entry: { command: string }) => entry.command.includes('backup-agent'));
    const killed = await call(sandbox(), 'POST', '/api/endpoint/action/kill_process', {
      body: { endpoint_ids: ['agent-win-dc-01'], parameters: { pid: target.pid } },
    });
    expect(killed.body.data.outputs['agent-win-dc-01'].content).toMatchObject({ code: 'ra_kill-process_success', pid: target.pid });
    const suspended = await call(sandbox(), 'POST', '/api/endpoint/action/suspend_process', {
      body: { endpoint_ids: ['agent-win-dc-01'], parameters: { entity_id: target.entity_id } },
    });
    expect(suspended.body.data.command).toBe('suspend-process');
    const noParameters = await call(sandbox(), 'POST', '/api/endpoint/action/kill_process', {
      body: { endpoint_ids: ['agent-win-dc-01'] },
    });
    expect(noParameters.status).toBe(400);
    expect(noParameters.body.message).toBe('[request body.parameters]: expected value of type [object] but got [undefined]');
    const noProcess = await call(sandbox(), 'POST', '/api/endpoint/action/suspend_process', {
      body: { endpoint_ids: ['agent-win-dc-01'], parameters: {} },
    });
    expect(noProcess.status).toBe(400);
    expect(noProcess.body.message).toBe('[request body.parameters]: expected one of [pid|entity_id|process_name] to name the process');
  });

  it('refuses hosts that do not run Elastic Defend, and an empty host list', async () => {
    const notDefend = await call(sandbox(), 'POST', '/api/endpoint/action/isolate', { body: { endpoint_ids: ['agent-db-01', 'nope'] } });
    expect(notDefend.status).toBe(400);
    expect(notDefend.body.message).toBe('[request body.endpoint_ids]: no Elastic Defend host with id [agent-db-01, nope]');
    const empty = await call(sandbox(), 'POST', '/api/endpoint/action/isolate', { body: { endpoint_ids: [] } });
    expect(empty.status).toBe(400);
  });

  it('lists actions newest first with filters, and reads one', async () => {
    const list = await call(sandbox(), 'GET', '/api/endpoint/action', { query: { commands: 'isolate', agentIds: 'agent-web-01' } });
    expect(list.body.data.map((action: { command: string }) => action.command)).toEqual(['isolate']);
    expect(list.body.data[0].outputs).toBeUndefined();
    const all = await call(sandbox(), 'GET', '/api/endpoint/action', { query: { pageSize: '2' } });
    expect(all.body).toMatchObject({ page: 1, pageSize: 2, total: sandbox().state.responseActions.length });
    expect(all.body.data[0].command).toBe('suspend-process');
    const one = await call(sandbox(), 'GET', `/api/endpoint/action/${list.body.data[0].id}`);
    expect(one.body.data.id).toBe(list.body.data[0].id);
    expect((await call(sandbox(), 'GET', '/api/endpoint/action/nope')).status).toBe(404);
  });

  it('describes a collected file and never serves its bytes', async () => {
    const collected = await call(sandbox(), 'POST', '/api/endpoint/action/get_file', {
      body: { endpoint_ids: ['agent-web-01'], parameters: { path: '/var/log/auth.log' } },
    });
    const actionId = collected.body.data.id;
    const fileId = `${actionId}.agent-web-01`;
    const info = await call(sandbox(), 'GET', `/api/endpoint/action/${actionId}/file/${fileId}`);
    expect(info.body.data).toMatchObject({
      id: fileId,
      actionId,
      agentId: 'agent-web-01',
      name: 'upload.zip',
      status: 'READY',
      mimeType: 'application/zip',
    });
    const download = await call(sandbox(), 'GET', `/api/endpoint/action/${actionId}/file/${fileId}/download`);
    expect(download.headers.get('content-type')).toMatch(/^application\/json/);
    expect(download.body.data).toEqual(info.body.data);
    expect((await call(sandbox(), 'GET', `/api/endpoint/action/${actionId}/file/other/download`)).status).toBe(404);
  });
});

describe('osquery live queries (recorded, canned results)', () => {
  it('runs a query on all osquery agents; those that check in answer with canned rows', async () => {
    const created = await call(sandbox(), 'POST', '/s/security/api/osquery/live_queries', {
      body: { query: 'select * from uptime;', agent_all: true },
    });
    expect(created.status).toBe(200);
    const { action_id: id, agents, queries } = created.body.data;
    expect(agents.sort()).toEqual(['agent-build-07', 'agent-db-01', 'agent-laptop-ana', 'agent-web-01', 'agent-web-02', 'agent-win-dc-01']);
    const details = await call(sandbox(), 'GET', `/s/security/api/osquery/live_queries/${id}`);
    expect(details.body.data.queries[0]).toMatchObject({ responded: 4, pending: 2, docs: 4, status: 'running' });
    const results = await call(sandbox(), 'GET', `/s/security/api/osquery/live_queries/${id}/results/${queries[0].action_id}`);
    expect(results.body.data.total).toBe(4);
    expect(results.body.data.edges[0]._source).toMatchObject({ total_seconds: '274329', action_id: queries[0].action_id });
    expect((await call(sandbox(), 'GET', `/api/osquery/live_queries/${id}`)).status).toBe(404);
  });

  it('selects agents by platform, lists queries, and refuses a selection with no agent', async () => {
    const windows = await call(sandbox(), 'POST', '/api/osquery/live_queries', {
      body: { query: 'select * from os_version;', agent_platforms: ['windows'] },
    });
    expect(windows.body.data.agents).toEqual(['agent-win-dc-01']);
    const listed = await call(sandbox(), 'GET', '/api/osquery/live_queries');
    expect(listed.body.data.items.map((item: { _source: { action_id: string } }) => item._source.action_id)).toEqual([
      windows.body.data.action_id,
    ]);
    const none = await call(sandbox(), 'POST', '/api/osquery/live_queries', { body: { query: 'select 1;', agent_ids: ['nope'] } });
    expect(none.status).toBe(400);
    expect(none.body.message).toBe('No agents found for selection');
  });
});
