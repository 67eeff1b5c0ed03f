// Which Kibana operations report progress, and what each says Kibana did.
import { describe, expect, it } from 'vitest';
import { longCallOf } from '../../src/tools/long-calls.js';

const done = (method: string, path: string, data: unknown) => longCallOf(method, path)?.done(data);

describe('longCallOf', () => {
  it('marks exports, imports, copies and bulk actions, and nothing else', () => {
    for (const path of [
      '/api/saved_objects/_export',
      '/api/saved_objects/_import',
      '/api/saved_objects/_resolve_import_errors',
      '/api/spaces/_copy_saved_objects',
      '/api/detection_engine/rules/_export',
      '/api/detection_engine/rules/_import',
      '/api/detection_engine/rules/_bulk_action',
      '/api/exception_lists/_import',
      '/api/fleet/agents/bulk_upgrade',
      '/api/fleet/agents/bulk_unenroll',
    ]) {
      expect(longCallOf('POST', path), path).toBeDefined();
    }
    expect(longCallOf('GET', '/api/saved_objects/_export')).toBeUndefined();
    expect(longCallOf('POST', '/api/saved_objects/_find')).toBeUndefined();
    expect(longCallOf('POST', '/api/fleet/agents/{agentId}/upgrade')).toBeUndefined();
  });

  it("says what Kibana's answer counted, in its own numbers", () => {
    const objects = Array.from({ length: 1200 }, (_, index) => ({ id: String(index) }));
    expect(done('POST', '/api/saved_objects/_export', [...objects, { exportedCount: 1200, missingRefCount: 0 }])).toBe(
      'exported 1,200 objects',
    );
    expect(done('POST', '/api/saved_objects/_import', { success: false, successCount: 4990, errors: Array(10).fill({}) })).toBe(
      'imported 4,990 of 5,000 objects (10 failed)',
    );
    expect(
      done('POST', '/api/spaces/_copy_saved_objects', {
        marketing: { success: true, successCount: 3, errors: [] },
        security: { success: false, successCount: 1, errors: [{}] },
      }),
    ).toBe('copied 4 objects into 2 space(s) (1 failed)');
    expect(done('POST', '/api/fleet/agents/bulk_upgrade', { actionId: 'act-1' })).toBe(
      'Fleet took the action (act-1); agents carry it out as they check in',
    );
  });

  it('says nothing of an answer it cannot read', () => {
    expect(done('POST', '/api/saved_objects/_import', 'not json')).toBeUndefined();
    expect(done('POST', '/api/detection_engine/rules/_bulk_action', { attributes: {} })).toBeUndefined();
    expect(done('POST', '/api/spaces/_copy_saved_objects', {})).toBeUndefined();
  });
});
