import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexCatalogue } from '../../src/api/api-index.js';
import { type CallTarget, findOperation, resolveCall, type TargetOptions } from '../../src/api/call-target.js';
import type { RefusalCode } from '../../src/api/refusal.js';
import { entry } from './support/catalogue.js';
import { refusal } from './support/refusal.js';

const INDEX = indexCatalogue([
  entry('GET /api/fleet/agents Get agents'),
  entry('GET /api/fleet/agents/{agentId} Get an agent'),
  entry('PUT /api/fleet/agents/{agentId} Update an agent'),
  entry('DELETE /api/fleet/agents/{agentId} Delete an agent'),
  entry('GET /api/fleet/agents/setup Get agent setup info'),
  entry('POST /api/fleet/agents/{agentId}/unenroll Unenroll an agent'),
  entry('GET /api/agent_builder/a2a/{agentId}.json Get an agent card'),
  entry('GET /api/fleet/epm/packages/{pkgName}/{pkgVersion} Get a package'),
  entry('GET /s/{spaceId}/api/observability/slos/{sloId} Get an SLO'),
  entry('GET /s/{spaceId}/api/data_views Get all data views'),
  entry('GET /api/security/role/{name} Get a role'),
  entry('GET /s/{spaceId}/internal/observability/slos/_definitions Get the SLO definitions'),
  entry('POST /api/saved_objects/_export Export saved objects'),
  entry('POST /api/detection_engine/rules/_bulk_action Apply a bulk action to detection rules', {
    effect: 'destructive',
    curatedTool: 'perform_detection_rules_bulk_action',
  }),
]);

function call(target: Partial<CallTarget>, options?: TargetOptions) {
  return resolveCall(INDEX, { method: 'GET', path: '/api/fleet/agents', ...target }, options);
}

function refused(target: Partial<CallTarget>, code: RefusalCode, message: string | RegExp, options?: TargetOptions): void {
  const error = refusal(() => call(target, options));
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toContain(message);
  else expect(error.message).toMatch(message);
}

describe('call_kibana_api: which operation a path means', () => {
  it('takes a template with path_params, or the path filled in, and sends each value as one encoded segment', () => {
    expect(call({ path: '/api/fleet/agents/{agentId}', path_params: { agentId: 'abc-123' } })).toMatchObject({
      template: '/api/fleet/agents/{agentId}',
      path: '/api/fleet/agents/abc-123',
      pathParams: { agentId: 'abc-123' },
    });
    expect(call({ path: '/api/fleet/agents/abc-123' }).pathParams).toEqual({ agentId: 'abc-123' });
    expect(call({ path: '/api/fleet/agents/{agentId}', path_params: { agentId: 'a b é' } }).path).toBe('/api/fleet/agents/a%20b%20%C3%A9');
    expect(call({ path: '/api/fleet/agents/a%20b' })).toMatchObject({ pathParams: { agentId: 'a b' }, path: '/api/fleet/agents/a%20b' });
    expect(call({ path: '/api/fleet/epm/packages/nginx/{pkgVersion}', path_params: { pkgVersion: '1.2.0' } }).path).toBe(
      '/api/fleet/epm/packages/nginx/1.2.0',
    );
  });

  it('prefers a literal segment over a parameter, as Kibana does, per method', () => {
    expect(call({ path: '/api/fleet/agents/setup' }).entry.title).toBe('Get agent setup info');
    expect(call({ method: 'DELETE', path: '/api/fleet/agents/setup' }, { tier: 'destructive' }).pathParams).toEqual({ agentId: 'setup' });
  });

  it('fills a parameter inside a segment and accepts a placeholder under another name', () => {
    expect(call({ path: '/api/agent_builder/a2a/my-agent.json' }).pathParams).toEqual({ agentId: 'my-agent' });
    expect(call({ path: '/api/agent_builder/a2a/{agentId}.json', path_params: { agentId: 'x' } }).path).toBe(
      '/api/agent_builder/a2a/x.json',
    );
    expect(call({ path: '/api/fleet/agents/{id}', path_params: { id: 'x' } }).pathParams).toEqual({ agentId: 'x' });
  });

  it('accepts the method in any case and refuses one Kibana does not use', () => {
    expect(call({ method: 'get' }).entry.method).toBe('GET');
    refused({ method: 'TRACE' }, 'bad_input', 'method: expected one of GET, POST, PUT, PATCH, DELETE');
  });

  it('finds the operation for describe_kibana_api without needing the values', () => {
    const found = findOperation(INDEX, 'GET', '/s/{spaceId}/api/observability/slos/{sloId}');
    expect(found.match.template.entry.path).toBe('/s/{spaceId}/api/observability/slos/{sloId}');
    expect(findOperation(INDEX, 'GET', '/api/observability/slos/{sloId}').match.template.path).toBe('/api/observability/slos/{sloId}');
  });
});

describe('call_kibana_api: path parameters', () => {
  it('refuses a value that the path and path_params give differently', () => {
    refused(
      { path: '/api/fleet/agents/abc', path_params: { agentId: 'xyz' } },
      'path_params',
      'the path says "abc" and path_params.agentId says "xyz"',
    );
    expect(call({ path: '/api/fleet/agents/abc', path_params: { agentId: 'abc' } }).path).toBe('/api/fleet/agents/abc');
  });

  it('refuses a missing or unknown parameter, naming the ones the operation has', () => {
    refused({ path: '/api/fleet/agents/{agentId}' }, 'path_params', 'path parameter agentId is missing');
    refused(
      { path: '/api/fleet/agents/{agentId}', path_params: { agentId: 'a', policy: 'p' } },
      'path_params',
      'unknown "policy"; this operation\'s path parameters: agentId',
    );
    refused({ path: '/api/fleet/agents', path_params: { agentId: 'a' } }, 'path_params', "this operation's path parameters: (none)");
    refused({ path_params: ['a'] }, 'bad_input', 'path_params: expected an object');
  });

  it.each([
    ['a/b', 'contains a slash'],
    ['a\\b', 'contains a slash'],
    ['..', 'would move to another path'],
    ['.', 'would move to another path'],
    ['', 'is empty'],
    ['x?admin=true', 'query parameters go in query'],
    ['x#top', 'query parameters go in query'],
    ['a%2Fb', 'percent-encoded separator'],
    ['%2e%2e', 'percent-encoded separator'],
    ['a\nb', 'control character'],
  ])('refuses the path_params value %j', (value, why) => {
    refused({ path: '/api/fleet/agents/{agentId}', path_params: { agentId: value } }, 'path_params', why);
  });

  it('refuses a value that is not a string', () => {
    refused({ path: '/api/fleet/agents/{agentId}', path_params: { agentId: 7 } }, 'path_params', 'path_params.agentId: expected a string');
  });
});

describe('call_kibana_api: paths that try to leave their template', () => {
  it.each([
    ['/api/fleet/agents/../../security/role/x', 'would move to another path'],
    ['/api/fleet/agents/..%2F..%2Fsecurity', 'contains a slash'],
    ['/api/fleet/agents/%2e%2e', 'would move to another path'],
    ['/api/fleet/agents/%252e%252e', 'percent-encoded separator'],
    ['/api/fleet/agents/%252F', 'percent-encoded separator'],
    ['/api/fleet/agents/abc%3Fkuery=x', 'query parameters go in query'],
    ['/api/fleet/agents?kuery=status:offline', 'put query parameters in query'],
    ['/api/fleet/agents#x', 'put query parameters in query'],
    ['/api/fleet//agents', 'empty segment'],
    ['//api/fleet/agents', 'empty segment'],
    ['/api\\fleet', 'backslash'],
    ['/api/fleet/agents/a b', 'spaces or control characters'],
    ['/api/fleet/agents/%E0%A4%A', 'malformed percent-escape'],
    ['/api/fleet/agents/{agent', 'malformed placeholder'],
    ['api/fleet/agents', 'must start with "/"'],
    ['http://evil.example/api/fleet/agents', 'is a URL'],
  ])('refuses %s', (path, why) => {
    refused({ path }, 'bad_path', why);
  });

  it('refuses a path that is not a string', () => {
    refused({ path: 42 }, 'bad_input', 'path: expected a path');
  });
});

describe('call_kibana_api: the catalogue and /internal/', () => {
  it('refuses an operation the catalogue lacks, naming near ones', () => {
    const error = refusal(() => call({ path: '/api/fleet/agent/abc' }));
    expect(error.code).toBe('unknown_operation');
    expect(error.message).toMatch(
      /^GET \/api\/fleet\/agent\/abc is not an operation of the connected Kibana\. Near ones: GET \/api\/fleet\/agents/,
    );
    expect(error.message).toContain('search_kibana_api');
  });

  it('matches a trailing "/" only where the template has one', () => {
    refused({ path: '/api/fleet/agents/' }, 'unknown_operation', 'is not an operation of the connected Kibana (drop the trailing "/")');
    const index = indexCatalogue([entry('DELETE /api/security/entity_store/entities/ Delete entities')]);
    expect(resolveCall(index, { method: 'DELETE', path: '/api/security/entity_store/entities/' }).path).toBe(
      '/api/security/entity_store/entities/',
    );
  });

  it('says which methods a known path takes', () => {
    refused({ method: 'PATCH', path: '/api/fleet/agents/abc' }, 'unknown_operation', 'This path takes: GET, PUT, DELETE.');
  });

  it('refuses /internal/ paths unless the operator allows them, and then only those of the catalogue', () => {
    refused({ path: '/internal/observability/slos/_definitions' }, 'internal', '/internal/ paths');
    refused({ path: '/s/ops/internal/observability/slos/_definitions' }, 'internal', '/internal/ paths');
    expect(call({ path: '/internal/observability/slos/_definitions' }, { allowInternal: true }).path).toBe(
      '/internal/observability/slos/_definitions',
    );
    refused({ path: '/internal/fleet/agents' }, 'unknown_operation', 'is not an operation', { allowInternal: true });
  });
});

describe('call_kibana_api: spaces', () => {
  it('takes the space from a /s/ prefix, from space_id, or from the template’s own space parameter', () => {
    expect(call({ path: '/s/marketing/api/data_views' })).toMatchObject({ space: 'marketing', path: '/api/data_views' });
    expect(call({ path: '/api/data_views', space_id: 'marketing' })).toMatchObject({ space: 'marketing', path: '/api/data_views' });
    expect(call({ path: '/s/marketing/api/data_views', space_id: 'marketing' }).space).toBe('marketing');
    expect(call({ path: '/s/{spaceId}/api/observability/slos/{sloId}', path_params: { spaceId: 'ops', sloId: 's1' } })).toMatchObject({
      space: 'ops',
      path: '/api/observability/slos/s1',
      pathParams: { sloId: 's1' },
    });
    expect(call({ path: '/api/observability/slos/s1', space_id: 'ops' })).toMatchObject({
      space: 'ops',
      path: '/api/observability/slos/s1',
    });
    expect(call({ path: '/api/data_views' })).not.toHaveProperty('space');
  });

  it('refuses spaces that contradict each other', () => {
    refused(
      { path: '/s/marketing/api/data_views', space_id: 'sales' },
      'space',
      'the path prefix /s/marketing says "marketing", space_id says "sales"',
    );
    refused(
      { path: '/s/{spaceId}/api/observability/slos/s1', path_params: { spaceId: 'ops' }, space_id: 'dev' },
      'space',
      'names two spaces',
    );
  });

  it('refuses a space on a global API, and a malformed space id', () => {
    refused({ path: '/s/marketing/api/security/role/admin' }, 'space', 'GET /api/security/role/{name} is global to Kibana');
    refused({ path: '/api/security/role/admin', space_id: 'marketing' }, 'space', 'is global to Kibana');
    expect(call({ path: '/api/security/role/admin', space_id: 'default' }).space).toBe('default');
    refused({ path: '/s/Marketing/api/data_views' }, 'space', '"Marketing" is not a space id');
    refused({ path: '/api/data_views', space_id: 'a/b' }, 'space', 'is not a space id');
  });
});

describe('call_kibana_api: tiers', () => {
  it('refuses an operation above the tier, naming the tier it needs', () => {
    refused(
      { method: 'DELETE', path: '/api/fleet/agents/abc' },
      'tier',
      'is a destructive operation and this server runs at tier write. It needs tier destructive',
      {
        tier: 'write',
      },
    );
    refused({ method: 'PUT', path: '/api/fleet/agents/abc' }, 'tier', 'It needs tier write', { tier: 'read' });
    refused({ method: 'POST', path: '/api/fleet/agents/abc/unenroll' }, 'tier', 'It needs tier destructive', { tier: 'write' });
  });

  it('lets read-only POSTs through at tier read, and the curated tool’s tier wins', () => {
    expect(call({ method: 'POST', path: '/api/saved_objects/_export' }, { tier: 'read' }).entry.effect).toBe('read');
    refused({ method: 'POST', path: '/api/detection_engine/rules/_bulk_action' }, 'tier', 'It needs tier destructive', { tier: 'write' });
  });
});

const OPERATIONS_TSV = resolve(import.meta.dirname, '../../../shared/openapi/kibana-9x-main-operations.tsv');

describe.skipIf(!existsSync(OPERATIONS_TSV))('call_kibana_api on every 9.x operation of the shared list', () => {
  // Read in the test, not while collecting: a skipped describe's body still runs.
  it('resolves each template, and each path filled in with values, to that very operation', () => {
    const operations = readFileSync(OPERATIONS_TSV, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [method, path] = line.split('\t');
        return entry(`${method!.toUpperCase()} ${path} x`);
      });
    const index = indexCatalogue(operations);
    const wrong: string[] = [];
    const valueOf = (name: string) => `v-${name.toLowerCase()}`;
    for (const operation of operations) {
      const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const filled = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => valueOf(name));
      const asTemplate = {
        method: operation.method,
        path: operation.path,
        path_params: Object.fromEntries(names.map((name) => [name, valueOf(name)])),
      };
      for (const target of [asTemplate, { method: operation.method, path: filled }]) {
        const resolved = resolveCall(index, target, { allowInternal: true });
        const sent = resolved.space === undefined ? resolved.path : `/s/${resolved.space}${resolved.path}`;
        if (resolved.entry !== operation || sent !== filled)
          wrong.push(`${target.method} ${target.path} → ${resolved.entry.path} as ${sent}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
