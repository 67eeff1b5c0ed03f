import { describe, expect, it } from 'vitest';
import type { KibanaClient } from '../../src/client/index.js';
import { callTool, type CallContext } from '../../src/tools/call.js';
import { ALL_TOOLS as tools } from '../support/tools.js';
import type { SpaceGuard } from '../../src/tools/space-guard.js';

const unreachable = new Proxy(
  {},
  {
    get() {
      throw new Error('Kibana must not be called');
    },
  },
);
const context: CallContext = {
  client: unreachable as KibanaClient,
  spaceGuard: unreachable as SpaceGuard,
  defaultSpace: 'default',
  maxResultChars: 20_000,
};
const getDataView = tools.find((tool) => tool.name === 'get_data_view')!;
const textOf = (result: Awaited<ReturnType<typeof callTool>>) => (result.content[0] as { text: string }).text;

describe('callTool argument checks (before anything is sent)', () => {
  it('refuses own properties named like Object.prototype members', async () => {
    for (const name of ['__proto__', 'constructor', 'toString']) {
      const result = await callTool(getDataView, JSON.parse(`{"view_id":"a","${name}":{"x":1}}`), context);
      expect(result.isError, name).toBe(true);
      expect(textOf(result)).toContain(`unknown argument "${name}"`);
    }
  });

  it('names the arguments the tool does take', async () => {
    const result = await callTool(getDataView, { view_id: 'a', colour: 'red' }, context);
    expect(textOf(result)).toBe('Invalid arguments for get_data_view: unknown argument "colour"; expected only: view_id, space_id');
  });
});
