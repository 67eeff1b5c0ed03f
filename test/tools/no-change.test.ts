// Calls that change nothing say so: counts of affected objects that are all 0, and writes Kibana
// acknowledges while keeping an existing value (read back, per the spec's keepsExisting fact).
import { beforeAll, describe, expect, it } from 'vitest';
import { nothingChangedNotice } from '../../src/tools/no-change.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import { textOf } from '../support/runtime.js';
import { useRecordingRuntimes } from './recording-runtime.js';

describe('nothingChangedNotice', () => {
  it('speaks when every count of affected objects is 0', () => {
    expect(nothingChangedNotice({ took: 3, total: 0, updated: 0, version_conflicts: 0, noops: 0, failures: [] })).toBe(
      'Nothing was changed: Kibana reports total 0, updated 0. If the call named objects, ids or a query, it matched none.',
    );
    expect(
      nothingChangedNotice({ success: true, rules_count: 0, attributes: { summary: { failed: 0, skipped: 0, succeeded: 0, total: 0 } } }),
    ).toMatch(/^Nothing was changed: Kibana reports attributes\.summary\.succeeded 0, attributes\.summary\.total 0\./);
    expect(nothingChangedNotice({ rules_installed: 0, rules_updated: 0, timelines_installed: 0, timelines_updated: 0 })).toMatch(
      /^Nothing was changed/,
    );
    expect(nothingChangedNotice({ success: false, successCount: 0, errors: [{ id: 'a', error: { type: 'conflict' } }] })).toMatch(
      /reports successCount 0/,
    );
  });

  it('is silent when something was affected, or when nothing is counted', () => {
    expect(nothingChangedNotice({ total: 5, updated: 5, version_conflicts: 0, noops: 0 })).toBeUndefined();
    expect(nothingChangedNotice({ attributes: { summary: { failed: 0, skipped: 0, succeeded: 2, total: 2 } } })).toBeUndefined();
    // A new case counts its comments and alerts: not objects the call affected.
    expect(nothingChangedNotice({ id: 'c1', title: 'T', totalComment: 0, totalAlerts: 0 })).toBeUndefined();
    expect(nothingChangedNotice({ acknowledged: true })).toBeUndefined();
  });
});

const recording = useRecordingRuntimes();

describe('through the runtime', () => {
  it('an alert status update that matched no alert says nothing was changed', async () => {
    recording.kibana.handle(() => ({
      body: { took: 2, timed_out: false, total: 0, updated: 0, deleted: 0, batches: 0, version_conflicts: 0, noops: 0, failures: [] },
    }));
    const runtime = recording.runtime();
    const result = await runtime.call('set_detection_alert_status', { body: { signal_ids: ['no-such-alert'], status: 'closed' } });
    expect(result.isError).toBeUndefined();
    expect(result.content.map((part) => part.text)).toContain(
      'Nothing was changed: Kibana reports total 0, updated 0, deleted 0. If the call named objects, ids or a query, it matched none.',
    );
  });

  describe('a write Kibana acknowledges while keeping the existing value (set_default_data_view without force)', () => {
    let runtime: ToolRuntime;
    let current: string | null;
    /** What the read answers instead of the current value, when set. */
    let readAnswer: { status?: number; body: unknown } | undefined;

    beforeAll(() => {
      runtime = recording.runtime();
      recording.kibana.handle((request) => {
        if (request.path.startsWith('/api/spaces/')) return { body: { id: 'ops' } };
        if (request.method === 'GET') return readAnswer ?? { body: { data_view_id: current } };
        const body = JSON.parse(request.body) as { data_view_id: string | null; force?: boolean };
        if (body.force || !current) current = body.data_view_id;
        return { body: { acknowledged: true } };
      });
    });

    it('says nothing changed and what to pass', async () => {
      current = 'old-view';
      const result = await runtime.call('set_default_data_view', { data_view_id: 'new-view', space_id: 'ops' });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(
        'Not changed: Kibana acknowledged the call but kept the current data_view_id, "old-view", as it does unless force is true. Pass force: true to replace it.',
      );
      expect(recording.kibana.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
        'GET /api/spaces/space/ops',
        'POST /s/ops/api/data_views/default',
        'GET /s/ops/api/data_views/default',
      ]);
    });

    it("lets the write's answer stand when the read fails or its answer lacks the value", async () => {
      current = 'old-view';
      for (readAnswer of [{ body: { ok: true } }, { body: ['old-view'] }, { status: 500, body: { message: 'boom' } }]) {
        const result = await runtime.call('set_default_data_view', { data_view_id: 'new-view' });
        expect(result.isError, JSON.stringify(readAnswer)).toBeUndefined();
        expect(JSON.parse(textOf(result))).toEqual({ acknowledged: true });
      }
      readAnswer = undefined;
    });

    it('answers as Kibana did when the value took, and reads nothing back when forced', async () => {
      current = null;
      expect(JSON.parse(textOf(await runtime.call('set_default_data_view', { data_view_id: 'first' })))).toEqual({ acknowledged: true });
      recording.kibana.requests.length = 0;
      expect(JSON.parse(textOf(await runtime.call('set_default_data_view', { data_view_id: 'second', force: true })))).toEqual({
        acknowledged: true,
      });
      expect(current).toBe('second');
      expect(recording.kibana.requests.map((request) => request.method)).toEqual(['POST']);
    });
  });
});
