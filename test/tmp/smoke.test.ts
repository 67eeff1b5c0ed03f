import { it } from 'vitest';
import { useScenario } from '../scenarios/support/scenario.js';
const s8 = useScenario({ version: '8.18.2' });
const s9 = useScenario({ version: '9.4.0' });
const LOG = {
  title: 'Web logs',
  tags: ['web', 'ops'],
  time_range: { from: 'now-24h', to: 'now' },
  panels: [
    { chart: 'line', title: 'Log count over time', data_view: 'logs-*', metrics: [{ op: 'count' }], breakdown: { by: 'date_histogram' } },
    {
      chart: 'table',
      title: 'Top 10 hosts',
      data_view: 'logs-*',
      metrics: [{ op: 'count' }],
      breakdown: { by: 'top_values', field: 'host.name', size: 10 },
    },
  ],
};
for (const [name, s] of [
  ['8', s8],
  ['9', s9],
] as const) {
  it(name, async () => {
    const agent = await s.connect([]);
    console.log((await agent.toolNames()).join(' '));
    const built = await agent.call('build_dashboard', LOG);
    console.log(JSON.stringify(built));
    const id = JSON.parse((built.content[0] as any).text).id;
    console.log(JSON.stringify(await agent.call('describe_dashboard', { id })));
    console.log(
      JSON.stringify(
        await agent.call('build_dashboard', {
          title: 'x',
          panels: [{ chart: 'metric', title: 'b', data_view: 'logs-*', metrics: [{ op: 'sum', field: 'bytes' }] }],
        }),
      ),
    );
  }, 30000);
}
