// Security detection rules, found by `id` or by their stable `rule_id`, with bulk actions and a
// small catalog of prebuilt rules to install.

import { badRequest, conflict, notFound } from '../http/errors.js';
import { Reply } from '../http/reply.js';
import type { RequestContext, Route } from '../http/route.js';
import { matchesKql } from '../query/kql.js';
import { compareValues, paginate } from '../query/paging.js';
import type { DetectionRule } from '../state/entities/security.js';
import type { SandboxState } from '../state/index.js';
import { cloneJson, newId, now } from '../state/space-store.js';

const DEFAULT_INDEX = [
  'apm-*-transaction*',
  'auditbeat-*',
  'endgame-*',
  'filebeat-*',
  'logs-*',
  'packetbeat-*',
  'traces-apm*',
  'winlogbeat-*',
];

/** What Kibana fills in for fields a create or a full update leaves out. */
function ruleDefaults(type: unknown) {
  return {
    enabled: true,
    interval: '5m',
    from: 'now-6m',
    to: 'now',
    max_signals: 100,
    version: 1,
    tags: [],
    author: [],
    references: [],
    false_positives: [],
    threat: [],
    actions: [],
    exceptions_list: [],
    related_integrations: [],
    required_fields: [],
    setup: '',
    ...(type === 'query' || type === 'threshold' || type === 'new_terms' ? { language: 'kuery', index: DEFAULT_INDEX } : {}),
  };
}

export function newDetectionRule(body: Record<string, unknown>, username: string, prebuilt = false): DetectionRule {
  const rule: Record<string, unknown> = {
    ...ruleDefaults(body.type),
    ...cloneJson(body),
    id: newId(),
    rule_id: (body.rule_id as string | undefined) ?? newId(),
    immutable: prebuilt,
    rule_source: prebuilt ? { type: 'external', is_customized: false } : { type: 'internal' },
    revision: 0,
    created_at: now(),
    created_by: username,
    updated_at: now(),
    updated_by: username,
  };
  return rule as DetectionRule;
}

/** Prebuilt rules Elastic ships; install_prebuilt_rules adds those not installed yet. */
const PREBUILT_RULES = [
  {
    rule_id: 'prebuilt-sudo-heap-overflow',
    name: 'Sudo Heap-Based Buffer Overflow Attempt',
    description: 'Detects many sudoedit attempts with a trailing backslash, a sign of heap overflow exploitation.',
    type: 'query',
    query: 'event.category:process and process.name:sudoedit',
    severity: 'high',
    risk_score: 73,
    tags: ['Domain: Endpoint', 'OS: Linux', 'Tactic: Privilege Escalation'],
  },
  {
    rule_id: 'prebuilt-rdp-brute-force',
    name: 'Potential RDP Brute Force',
    description: 'Detects many failed RDP logons followed by a success from the same source.',
    type: 'query',
    query: 'event.category:authentication and event.outcome:failure and destination.port:3389',
    severity: 'medium',
    risk_score: 47,
    tags: ['Domain: Endpoint', 'OS: Windows', 'Tactic: Credential Access'],
  },
];

function findRule(state: SandboxState, space: string, selector: { id?: unknown; rule_id?: unknown }): DetectionRule {
  if (selector.id === undefined && selector.rule_id === undefined) throw badRequest('either "id" or "rule_id" must be set');
  const rules = state.detectionRules.list(space);
  const found =
    selector.id !== undefined ? rules.find((rule) => rule.id === selector.id) : rules.find((rule) => rule.rule_id === selector.rule_id);
  if (!found) {
    throw notFound(selector.id !== undefined ? `id: "${selector.id}" not found` : `rule_id: "${selector.rule_id}" not found`);
  }
  return found;
}

const PRESERVED_ON_UPDATE = ['id', 'rule_id', 'immutable', 'rule_source', 'revision', 'created_at', 'created_by'];

function saveChanges(ctx: RequestContext, rule: DetectionRule, changes: Record<string, unknown>): DetectionRule {
  const { id: _id, rule_id: _ruleId, ...fields } = cloneJson(changes);
  Object.assign(rule, fields, { revision: Number(rule.revision) + 1, updated_at: now(), updated_by: ctx.username });
  return rule;
}

function createRule(ctx: RequestContext, body: Record<string, unknown>, prebuilt = false): DetectionRule {
  const rule = newDetectionRule(body, ctx.username, prebuilt);
  if (ctx.state.detectionRules.list(ctx.space).some((existing) => existing.rule_id === rule.rule_id)) {
    throw conflict(`rule_id: "${rule.rule_id}" already exists`);
  }
  return ctx.state.detectionRules.set(ctx.space, rule.id, rule);
}

/** `alert.attributes.params.ruleId` and `alert.attributes.tags` read `rule_id` and `tags`. */
const ruleField = (field: string): string =>
  field.replace(/^alert\.attributes\.(params\.)?/, '').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const pick = (rule: DetectionRule, fields: string[] | undefined) =>
  fields ? Object.fromEntries(Object.entries(rule).filter(([name]) => name === 'id' || fields.includes(name))) : rule;

interface BulkRequest {
  action: string;
  ids?: string[];
  query?: string;
  edit?: { type: string; value: string[] }[];
  duplicate?: { include_exceptions?: boolean };
}

function applyBulkEdit(rule: DetectionRule, edits: BulkRequest['edit'] = []): Record<string, unknown> {
  let tags = rule.tags;
  for (const edit of edits) {
    if (edit.type === 'add_tags') tags = [...new Set([...tags, ...edit.value])];
    else if (edit.type === 'delete_tags') tags = tags.filter((tag) => !edit.value.includes(tag));
    else if (edit.type === 'set_tags') tags = [...edit.value];
    else throw badRequest(`Bulk edit [${edit.type}] is not supported by the sandbox`);
  }
  return { tags };
}

function bulkAction(ctx: RequestContext) {
  const request = ctx.body as BulkRequest;
  const rules = ctx.state.detectionRules.list(ctx.space);
  const selected = request.ids
    ? rules.filter((rule) => request.ids!.includes(rule.id))
    : rules.filter((rule) => matchesKql(request.query ?? '', rule, ruleField));
  const missing = (request.ids ?? []).filter((id) => !rules.some((rule) => rule.id === id));
  const results = {
    updated: [] as DetectionRule[],
    created: [] as DetectionRule[],
    deleted: [] as DetectionRule[],
    skipped: [] as unknown[],
  };
  if (!ctx.query.dry_run) {
    for (const rule of selected) {
      switch (request.action) {
        case 'enable':
        case 'disable':
          results.updated.push(saveChanges(ctx, rule, { enabled: request.action === 'enable' }));
          break;
        case 'delete':
          ctx.state.detectionRules.delete(ctx.space, rule.id);
          results.deleted.push(rule);
          break;
        case 'duplicate': {
          const { id: _id, rule_id: _ruleId, ...copy } = rule;
          results.created.push(createRule(ctx, { ...copy, name: `${rule.name} [Duplicate]`, enabled: false }));
          break;
        }
        case 'edit':
          results.updated.push(saveChanges(ctx, rule, applyBulkEdit(rule, request.edit)));
          break;
        default:
          throw badRequest(`Bulk action [${request.action}] is not supported by the sandbox`);
      }
    }
  }
  const errors = missing.map((id) => ({ message: 'Rule not found', status_code: 404, rules: [{ id }] }));
  const attributes = {
    results,
    summary: { failed: missing.length, skipped: 0, succeeded: selected.length, total: selected.length + missing.length },
    ...(errors.length > 0 ? { errors } : {}),
  };
  if (errors.length > 0) return new Reply(500, { message: 'Bulk edit partially failed', status_code: 500, attributes });
  return { success: true, rules_count: selected.length, attributes };
}

const prebuiltNotInstalled = (state: SandboxState, space: string) =>
  PREBUILT_RULES.filter((prebuilt) => !state.detectionRules.list(space).some((rule) => rule.rule_id === prebuilt.rule_id));

export const detectionRuleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/detection_engine/rules/_find',
    handler: ({ state, space, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const perPage = (query.per_page as number | undefined) ?? 20;
      const sortField = query.sort_field as string | undefined;
      const direction = query.sort_order === 'desc' ? -1 : 1;
      const found = state.detectionRules
        .list(space)
        .filter((rule) => matchesKql(String(query.filter ?? ''), rule, ruleField))
        .sort((a, b) => (sortField ? direction * compareValues(a[sortField], b[sortField]) : 0));
      const fields = query.fields === undefined ? undefined : [query.fields as string[]].flat();
      return { page, perPage, total: found.length, data: paginate(found, page, perPage).map((rule) => pick(rule, fields)) };
    },
  },
  {
    method: 'GET',
    path: '/api/detection_engine/rules',
    handler: ({ state, space, query }) => findRule(state, space, query),
  },
  {
    method: 'POST',
    path: '/api/detection_engine/rules',
    handler: (ctx) => createRule(ctx, ctx.body as Record<string, unknown>),
  },
  {
    method: 'PATCH',
    path: '/api/detection_engine/rules',
    handler: (ctx) => {
      const body = ctx.body as Record<string, unknown>;
      return saveChanges(ctx, findRule(ctx.state, ctx.space, body), body);
    },
  },
  {
    method: 'PUT',
    path: '/api/detection_engine/rules',
    handler: (ctx) => {
      const body = ctx.body as Record<string, unknown>;
      const rule = findRule(ctx.state, ctx.space, body);
      // A full update resets every field the body leaves out; identity and history stay.
      const kept = Object.fromEntries(PRESERVED_ON_UPDATE.map((field) => [field, rule[field]]));
      for (const field of Object.keys(rule)) delete rule[field];
      Object.assign(rule, ruleDefaults(body.type), kept);
      return saveChanges(ctx, rule, body);
    },
  },
  {
    method: 'DELETE',
    path: '/api/detection_engine/rules',
    handler: ({ state, space, query }) => {
      const rule = findRule(state, space, query);
      state.detectionRules.delete(space, rule.id);
      return rule;
    },
  },
  { method: 'POST', path: '/api/detection_engine/rules/_bulk_action', handler: bulkAction },
  {
    method: 'GET',
    path: '/api/detection_engine/rules/prepackaged/_status',
    handler: ({ state, space }) => {
      const rules = state.detectionRules.list(space);
      return {
        rules_custom_installed: rules.filter((rule) => !rule.immutable).length,
        rules_installed: rules.filter((rule) => rule.immutable).length,
        rules_not_installed: prebuiltNotInstalled(state, space).length,
        rules_not_updated: 0,
        timelines_installed: 0,
        timelines_not_installed: 0,
        timelines_not_updated: 0,
      };
    },
  },
  {
    method: 'PUT',
    path: '/api/detection_engine/rules/prepackaged',
    handler: (ctx) => {
      const missing = prebuiltNotInstalled(ctx.state, ctx.space);
      for (const prebuilt of missing) createRule(ctx, { ...prebuilt, enabled: false }, true);
      return { rules_installed: missing.length, rules_updated: 0, timelines_installed: 0, timelines_updated: 0 };
    },
  },
  {
    method: 'GET',
    path: '/api/detection_engine/tags',
    handler: ({ state, space }) => [...new Set(state.detectionRules.list(space).flatMap((rule) => rule.tags))].sort(),
  },
];
