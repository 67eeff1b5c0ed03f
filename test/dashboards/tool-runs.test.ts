// The task tools' own refusals, before Kibana is asked anything: a Kibana version without a stored
// form the tools can write, or one Kibana does not report, and arguments a tool does not take.
import { describe, expect, it } from 'vitest';

import type { ToolContext, ToolResult } from '../../src/tools/runtime/tool.js';
import { tools } from '../../src/tools/tasks/dashboards.js';

/** A context whose Kibana must not be called: the refusals come first. */
function contextOn(version: string | undefined): ToolContext {
  const untouched = () => Promise.reject(new Error('Kibana was called'));
  return {
    kibana: untouched,
    defaultSpace: 'default',
    spaces: { assertWritable: untouched, assertReadable: untouched },
    version: async () => version,
    confirm: untouched,
    progress: () => {},
    results: {
      response: () => ({ content: [] }),
      value: (value) => ({ content: [{ type: 'text', text: JSON.stringify(value) }] }),
      error: (text) => ({ isError: true, content: [{ type: 'text', text }] }),
      failure: () => {
        throw new Error('no Kibana failure was expected');
      },
    },
    signal: undefined,
    deadline: undefined,
  };
}

const ARGS: Record<string, Record<string, unknown>> = {
  build_dashboard: { title: 'T', panels: [{ chart: 'markdown', title: 'M', text: 'hi' }] },
  describe_dashboard: { id: 'd1' },
  update_dashboard: { id: 'd1', title: 'T' },
};

const text = (result: ToolResult) => result.content.map((part) => part.text).join('\n');

describe('the dashboard task tools', () => {
  it.each(tools.map((tool) => [tool.name, tool] as const))(
    '%s refuses Kibana versions it cannot write, naming those it can',
    async (name, tool) => {
      for (const version of ['8.5.4', '9.5.0']) {
        const result = await tool.run(ARGS[name]!, contextOn(version));
        expect(result.isError).toBe(true);
        expect(text(result)).toContain(
          `dashboards cannot be built on Kibana ${version}: the dashboard tools support 8.6.0 up to 9.4.0, 9.4.0 up to 9.5.0`,
        );
      }
      const unknown = await tool.run(ARGS[name]!, contextOn(undefined));
      expect(text(unknown)).toMatch(/Kibana did not report its version/);
    },
  );

  it('validate their arguments fully, beyond what tools/list shows', async () => {
    const update = tools.find((tool) => tool.name === 'update_dashboard')!;
    const validator = await update.validator();
    expect(update.inputSchema.$defs).toMatchObject({ panel: { type: 'object', description: 'A panel as in build_dashboard' } });
    const wrong = validator.safeParse({ id: 'd', add_panels: [{ chart: 'radar', title: 'r' }] });
    expect(wrong.error?.issues[0]?.path).toEqual(['add_panels', 0, 'chart']);
    expect(validator.safeParse({ id: 'd', add_panels: [{ chart: 'pie', title: 'p' }] }).success).toBe(true);
  });
});
