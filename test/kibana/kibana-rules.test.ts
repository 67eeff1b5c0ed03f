import { describe, expect, it } from 'vitest';
import { operationEffect } from '../../src/kibana/operations.js';
import { isSpaceAwarePath, SPACE_ID_PATTERN, splitSpacePrefix, splitSpaceParameter } from '../../src/kibana/spaces.js';
import { compareVersions, isAtLeast } from '../../src/kibana/versions.js';

describe('spaces', () => {
  it.each([
    '/api/spaces/space',
    '/api/spaces/space/{id}',
    '/api/security/role',
    '/api/status',
    '/api/short_url',
    '/api/upgrade_assistant/status',
    '/api/task_manager/_health',
    '/api/features',
  ])('%s is global to Kibana', (path) => {
    expect(isSpaceAwarePath(path)).toBe(false);
  });

  it.each(['/api/data_views', '/api/spaces/_copy_saved_objects', '/api/saved_objects/_find', '/s/{spaceId}/api/observability/slos'])(
    '%s lives in a space',
    (path) => {
      expect(isSpaceAwarePath(path)).toBe(true);
    },
  );

  it('splits a path template that names its space and a request path that carries one', () => {
    expect(splitSpaceParameter('/s/{spaceId}/api/observability/slos')).toEqual({ parameter: 'spaceId', rest: '/api/observability/slos' });
    expect(splitSpaceParameter('/api/observability/slos')).toBeUndefined();
    expect(splitSpacePrefix('/s/ops-2/api/data_views')).toEqual({ space: 'ops-2', path: '/api/data_views' });
    expect(splitSpacePrefix('/s/Bad/api/data_views')).toEqual({ space: 'default', path: '/s/Bad/api/data_views' });
    expect(splitSpacePrefix('/api/data_views')).toEqual({ space: 'default', path: '/api/data_views' });
  });

  it('accepts the space ids Kibana accepts', () => {
    expect(['default', 'ops-2', 'team_a'].every((id) => SPACE_ID_PATTERN.test(id))).toBe(true);
    expect(['Ops', '../x', '', 'a b'].some((id) => SPACE_ID_PATTERN.test(id))).toBe(false);
  });
});

describe('operation effects', () => {
  it.each([
    ['GET', '/api/cases/_find', 'read'],
    ['POST', '/api/saved_objects/_export', 'read'],
    ['POST', '/api/detection_engine/signals/search', 'read'],
    ['POST', '/api/fleet/agent_policies/_bulk_get', 'read'],
    ['POST', '/api/security/role/_query', 'read'],
    ['POST', '/api/cases', 'write'],
    ['PUT', '/api/actions/connector/{id}', 'write'],
    ['PATCH', '/api/cases', 'write'],
    ['DELETE', '/api/cases', 'destructive'],
    ['POST', '/api/saved_objects/_bulk_delete', 'destructive'],
    ['POST', '/s/{spaceId}/api/observability/slos/{sloId}/_reset', 'destructive'],
    ['POST', '/api/encrypted_saved_objects/_rotate_key', 'destructive'],
    ['POST', '/api/fleet/agents/{agentId}/unenroll', 'destructive'],
    ['POST', '/api/fleet/agents', 'read'],
    ['POST', '/api/fleet/agent_policies/delete', 'destructive'],
    ['POST', '/api/fleet/agent_policies', 'write'],
  ] as const)('%s %s is %s', (method, path, effect) => {
    expect(operationEffect(method, path)).toBe(effect);
  });
});

describe('versions', () => {
  it('orders versions numerically and ignores suffixes', () => {
    expect(compareVersions('9.10.0', '9.4.0')).toBeGreaterThan(0);
    expect(compareVersions('8.18.2', '9.0.0')).toBeLessThan(0);
    expect(compareVersions('9.4.0-SNAPSHOT', '9.4.0')).toBe(0);
    expect(isAtLeast('9.4.1', '9.4.0')).toBe(true);
    expect(isAtLeast('9.3.9', '9.4.0')).toBe(false);
  });
});
