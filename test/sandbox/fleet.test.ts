import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox({ version: '9.3.0' });

const ids = (items: { id: string }[]) => items.map((item) => item.id).sort();

describe('Fleet agents', () => {
  it('lists active agents, filters with KQL, and hides inactive ones unless asked', async () => {
    const all = await call(sandbox(), 'GET', '/api/fleet/agents', { query: { perPage: '100' } });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 7, page: 1, perPage: 100 });
    expect(all.body.items.find((agent: { id: string }) => agent.id === 'agent-web-01').packages).toEqual([
      'system',
      'endpoint',
      'osquery_manager',
    ]);

    const offline = await call(sandbox(), 'GET', '/api/fleet/agents', { query: { kuery: 'status:offline' } });
    expect(ids(offline.body.items)).toEqual(['agent-db-01', 'agent-laptop-ana']);
    const prefixed = await call(sandbox(), 'GET', '/api/fleet/agents', {
      query: { kuery: 'fleet-agents.tags:prod and not status:offline' },
    });
    expect(ids(prefixed.body.items)).toEqual(['agent-web-01', 'agent-web-02', 'agent-win-dc-01']);
    const withInactive = await call(sandbox(), 'GET', '/api/fleet/agents', { query: { showInactive: 'true', getStatusSummary: 'true' } });
    expect(withInactive.body.total).toBe(8);
    expect(withInactive.body.statusSummary).toEqual({ online: 4, offline: 2, error: 1, inactive: 1 });
  });

  it('reads one agent and answers Fleet’s 404 for an unknown one', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/fleet/agents/agent-db-01');
    expect(body.item).toMatchObject({ id: 'agent-db-01', status: 'offline', local_metadata: { host: { hostname: 'db-01' } } });
    const missing = await call(sandbox(), 'GET', '/api/fleet/agents/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Agent nope not found');
  });

  it('summarises statuses, per policy too', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/fleet/agent_status');
    expect(body.results).toMatchObject({ online: 4, offline: 2, error: 1, updating: 0, inactive: 1, unenrolled: 0, all: 7, active: 5 });
    const linux = await call(sandbox(), 'GET', '/api/fleet/agent_status', { query: { policyId: 'linux-servers-policy' } });
    expect(linux.body.results).toMatchObject({ online: 1, offline: 1, error: 1, inactive: 1 });
  });
});

describe('Fleet agent actions', () => {
  it('unenrols: an offline agent stays unenrolling, revoke unenrols at once; a hosted agent is refused', async () => {
    expect((await call(sandbox(), 'POST', '/api/fleet/agents/agent-db-01/unenroll')).body).toEqual({});
    expect(sandbox().state.fleet.agents.get('agent-db-01')).toMatchObject({ status: 'unenrolling', active: true });
    await call(sandbox(), 'POST', '/api/fleet/agents/agent-db-01/unenroll', { body: { revoke: true } });
    expect(sandbox().state.fleet.agents.get('agent-db-01')).toMatchObject({ status: 'unenrolled', active: false });
    const listed = await call(sandbox(), 'GET', '/api/fleet/agents', { query: { kuery: 'status:offline' } });
    expect(ids(listed.body.items)).toEqual(['agent-laptop-ana']);

    const hosted = await call(sandbox(), 'POST', '/api/fleet/agents/agent-fleet-server-01/unenroll');
    expect(hosted.status).toBe(400);
    expect(hosted.body.message).toMatch(/hosted agent policy fleet-server-policy/);
  });

  it('reassigns to an existing policy only, and bumps nothing it should not', async () => {
    const ok = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-02/reassign', { body: { policy_id: 'endpoint-hosts-policy' } });
    expect(ok.status).toBe(200);
    const agent = sandbox().state.fleet.agents.get('agent-web-02')!;
    expect(agent.policy_id).toBe('endpoint-hosts-policy');
    expect(agent.policy_revision).toBe(sandbox().state.fleet.agentPolicies.get('endpoint-hosts-policy')!.revision);
    const missing = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-02/reassign', { body: { policy_id: 'nope' } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Agent policy nope not found');
    const invalid = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-02/reassign', { body: {} });
    expect(invalid.body.message).toBe('[request body.policy_id]: expected value of type [string] but got [undefined]');
  });

  it('upgrades an online agent at once, refuses a version above Kibana’s or not newer than the agent’s', async () => {
    expect((await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-02/upgrade', { body: { version: '9.3.0' } })).status).toBe(200);
    expect(sandbox().state.fleet.agents.get('agent-web-02')!.agent.version).toBe('9.3.0');
    const higher = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-01/upgrade', { body: { version: '9.4.0' } });
    expect(higher.status).toBe(400);
    expect(higher.body.message).toMatch(/higher than the installed kibana version 9\.3\.0/);
    const same = await call(sandbox(), 'POST', '/api/fleet/agents/agent-web-01/upgrade', { body: { version: '9.3.0' } });
    expect(same.status).toBe(400);
  });

  it('runs bulk actions on ids or a KQL query and reports their progress', async () => {
    const tags = await call(sandbox(), 'POST', '/api/fleet/agents/bulk_update_agent_tags', {
      body: { agents: 'tags:prod', tagsToAdd: ['tier1'], tagsToRemove: ['prod'] },
    });
    expect(tags.body.actionId).toEqual(expect.any(String));
    expect(sandbox().state.fleet.agents.get('agent-win-dc-01')!.tags).toEqual(['windows', 'tier1']);

    const upgrade = await call(sandbox(), 'POST', '/api/fleet/agents/bulk_upgrade', {
      body: { agents: ['agent-laptop-ana', 'no-such-agent'], version: '9.3.0' },
    });
    const status = await call(sandbox(), 'GET', '/api/fleet/agents/action_status');
    const item = status.body.items.find((entry: { actionId: string }) => entry.actionId === upgrade.body.actionId);
    expect(item).toMatchObject({
      type: 'UPGRADE',
      status: 'IN_PROGRESS',
      nbAgentsActioned: 1,
      nbAgentsAck: 0,
      nbAgentsFailed: 1,
      version: '9.3.0',
    });
    expect(sandbox().state.fleet.agents.get('agent-laptop-ana')!.upgrade_details).toMatchObject({
      state: 'UPG_REQUESTED',
      target_version: '9.3.0',
    });
    expect(status.body.items[0].actionId).toBe(upgrade.body.actionId);
  });
});

describe('agent and package policies', () => {
  it('creates a policy (with system monitoring), refuses its name twice, updates it with a new revision', async () => {
    const created = await call(sandbox(), 'POST', '/api/fleet/agent_policies', {
      body: { name: 'Kiosks', namespace: 'retail' },
      query: { sys_monitoring: 'true' },
    });
    expect(created.status).toBe(200);
    expect(created.body.item).toMatchObject({ name: 'Kiosks', namespace: 'retail', status: 'active', is_managed: false, agents: 0 });
    expect(created.body.item.package_policies.map((policy: { package: { name: string } }) => policy.package.name)).toEqual(['system']);
    const dup = await call(sandbox(), 'POST', '/api/fleet/agent_policies', { body: { name: 'Kiosks', namespace: 'x' } });
    expect(dup.status).toBe(409);
    const id = created.body.item.id;
    const revision = created.body.item.revision;
    const updated = await call(sandbox(), 'PUT', `/api/fleet/agent_policies/${id}`, {
      body: { name: 'Kiosks', namespace: 'retail', description: 'Shop kiosks' },
    });
    expect(updated.body.item).toMatchObject({ description: 'Shop kiosks', revision: revision + 1 });
    const listed = await call(sandbox(), 'GET', '/api/fleet/agent_policies', { query: { kuery: 'ingest-agent-policies.name:Kiosks' } });
    expect(ids(listed.body.items)).toEqual([id]);
    const missingName = await call(sandbox(), 'POST', '/api/fleet/agent_policies', { body: { namespace: 'x' } });
    expect(missingName.body.message).toBe('[request body.name]: expected value of type [string] but got [undefined]');
  });

  it('adds an integration (installing its package), updates and deletes it', async () => {
    expect(sandbox().state.fleet.packages.get('nginx')!.installedVersion).toBeUndefined();
    const created = await call(sandbox(), 'POST', '/api/fleet/package_policies', {
      body: {
        name: 'nginx-web',
        namespace: 'default',
        package: { name: 'nginx', version: '2.3.0' },
        policy_ids: ['linux-servers-policy'],
        inputs: {},
      },
    });
    expect(created.status).toBe(200);
    expect(created.body.item).toMatchObject({
      name: 'nginx-web',
      package: { name: 'nginx', title: 'Nginx', version: '2.3.0' },
      revision: 1,
    });
    expect(sandbox().state.fleet.packages.get('nginx')!.installedVersion).toBe('2.3.0');
    const id = created.body.item.id;
    const dup = await call(sandbox(), 'POST', '/api/fleet/package_policies', {
      body: { name: 'nginx-web', package: { name: 'nginx', version: '2.3.0' } },
    });
    expect(dup.status).toBe(409);
    const unknown = await call(sandbox(), 'POST', '/api/fleet/package_policies', {
      body: { name: 'x', package: { name: 'nope', version: '1.0.0' } },
    });
    expect(unknown.status).toBe(404);

    const updated = await call(sandbox(), 'PUT', `/api/fleet/package_policies/${id}`, {
      body: { name: 'nginx-web', description: 'Front end', package: { name: 'nginx', version: '2.3.0' } },
    });
    expect(updated.body.item).toMatchObject({ description: 'Front end', revision: 2, policy_ids: ['linux-servers-policy'] });
    expect((await call(sandbox(), 'GET', `/api/fleet/package_policies/${id}`)).body.item.id).toBe(id);
    expect((await call(sandbox(), 'DELETE', `/api/fleet/package_policies/${id}`)).body).toEqual({ id });
    const gone = await call(sandbox(), 'GET', `/api/fleet/package_policies/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toBe(`Package policy ${id} not found`);
  });
});

describe('integration packages', () => {
  it('lists the catalog with install status, reads one, and installs one', async () => {
    const { body } = await call(sandbox(), 'GET', '/api/fleet/epm/packages', { query: { category: 'cloud' } });
    expect(body.items).toEqual([expect.objectContaining({ name: 'aws', status: 'not_installed', version: '3.1.0' })]);
    const installed = await call(sandbox(), 'POST', '/api/fleet/epm/packages/aws/3.1.0');
    expect(installed.body._meta).toEqual({ install_source: 'registry', name: 'aws' });
    const read = await call(sandbox(), 'GET', '/api/fleet/epm/packages/aws');
    expect(read.body.item).toMatchObject({ status: 'installed', installationInfo: { version: '3.1.0', install_status: 'installed' } });
    const wrongVersion = await call(sandbox(), 'GET', '/api/fleet/epm/packages/aws/9.9.9');
    expect(wrongVersion.status).toBe(404);
    expect(wrongVersion.body.message).toBe('[aws-9.9.9] package not found in registry');
  });
});
