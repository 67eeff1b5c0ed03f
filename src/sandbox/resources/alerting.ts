// Alerting rules, stored as `alert` saved objects in Kibana's camelCase attributes, with one
// `action_N` reference per connector their actions use.

import { badRequest, notFound } from '../http/errors.js';
import { noContent } from '../http/reply.js';
import type { RequestContext, Route } from '../http/route.js';
import { parseDuration } from '../query/date-math.js';
import { paginate } from '../query/paging.js';
import { currentOccurrence } from '../query/schedule.js';
import type { CustomSchedule } from '../state/entities/maintenance-windows.js';
import type { Reference, SavedObject } from '../state/saved-object-store.js';
import { newId, now } from '../state/space-store.js';
import { checkSchedule } from './custom-schedule.js';
import { findSavedObjects, type FindQuery } from './saved-objects/find.js';
import { deleteSavedObject } from './saved-objects/handlers.js';
import { CONNECTOR_TYPE, connectorTypeLookup } from './connectors.js';

export const RULE_TYPE = 'alert';

/** Scheduled snoozes came with Kibana 8.19. */
const SNOOZE_SCHEDULES = { from: '8.19.0' };

interface RuleAction {
  id: string;
  group?: string;
  params?: Record<string, unknown>;
  uuid?: string;
  frequency?: unknown;
}

export interface RuleBody {
  name: string;
  rule_type_id?: string;
  consumer?: string;
  enabled?: boolean;
  tags?: string[];
  schedule: { interval: string };
  params?: Record<string, unknown>;
  actions?: RuleAction[];
  notify_when?: string | null;
  throttle?: string | null;
}

const RULE_TYPES = [
  { id: '.index-threshold', name: 'Index threshold', producer: 'stackAlerts', category: 'management', group: 'threshold met' },
  { id: '.es-query', name: 'Elasticsearch query', producer: 'stackAlerts', category: 'management', group: 'query matched' },
  {
    id: 'observability.rules.custom_threshold',
    name: 'Custom threshold',
    producer: 'observability',
    category: 'observability',
    group: 'custom_threshold.fired',
  },
  { id: 'siem.queryRule', name: 'Custom Query Rule', producer: 'siem', category: 'securitySolution', group: 'default' },
];

/** Stored attributes and references for the rule fields a create or update may set. */
function ruleAttributes(
  body: RuleBody,
  connectorTypeOf: (id: string) => string,
): { attributes: Record<string, unknown>; references: Reference[] } {
  const actions = body.actions ?? [];
  const attributes: Record<string, unknown> = {
    name: body.name,
    tags: body.tags ?? [],
    schedule: body.schedule,
    params: body.params ?? {},
    notifyWhen: body.notify_when ?? null,
    throttle: body.throttle ?? null,
    actions: actions.map((action, index) => ({
      group: action.group ?? 'default',
      actionRef: `action_${index}`,
      actionTypeId: connectorTypeOf(action.id),
      params: action.params ?? {},
      uuid: action.uuid ?? `${index}`,
      ...(action.frequency === undefined ? {} : { frequency: action.frequency }),
    })),
  };
  const references = actions.map((action, index) => ({ name: `action_${index}`, type: CONNECTOR_TYPE, id: action.id }));
  return { attributes, references };
}

/** Attributes and references of a new rule, as a create stores them. */
export function newRule(body: RuleBody, username: string, connectorTypeOf: (id: string) => string) {
  const { attributes, references } = ruleAttributes(body, connectorTypeOf);
  const created = now();
  return {
    references,
    attributes: {
      ...attributes,
      alertTypeId: body.rule_type_id,
      consumer: body.consumer,
      enabled: body.enabled ?? true,
      muteAll: false,
      mutedInstanceIds: [],
      createdBy: username,
      updatedBy: username,
      createdAt: created,
      updatedAt: created,
      apiKeyOwner: username,
      executionStatus: { status: 'pending', lastExecutionDate: created, lastDuration: 0 },
      revision: 0,
    },
  };
}

interface StoredSnooze {
  id: string;
  custom: CustomSchedule;
}

/** rrule's frequencies, as Kibana's snooze schedules number them. */
const FREQUENCY = { y: 0, M: 1, w: 2, d: 3 } as const;

/** A snooze as rules answer it: a duration in milliseconds and an rrule. */
function snoozeView({ id, custom }: StoredSnooze) {
  const recurring = custom.recurring;
  const [, interval, unit] = /^(\d+)([dwMy])$/.exec(recurring?.every ?? '') ?? [];
  return {
    id,
    duration: parseDuration(custom.duration),
    rRule: {
      dtstart: custom.start,
      tzid: custom.timezone ?? 'UTC',
      ...(recurring === undefined ? { count: 1 } : {}),
      ...(unit === undefined ? {} : { freq: FREQUENCY[unit as keyof typeof FREQUENCY], interval: Number(interval) }),
      ...(recurring?.occurrences === undefined ? {} : { count: recurring.occurrences }),
      ...(recurring?.end === undefined ? {} : { until: recurring.end }),
      ...(recurring?.onWeekDay === undefined ? {} : { byweekday: recurring.onWeekDay }),
      ...(recurring?.onMonthDay === undefined ? {} : { bymonthday: recurring.onMonthDay }),
      ...(recurring?.onMonth === undefined ? {} : { bymonth: recurring.onMonth }),
    },
  };
}

/** The end of the snooze running now, if one is. */
function snoozedUntil(snoozes: StoredSnooze[]): string | null {
  const ends = snoozes.map((snooze) => currentOccurrence(snooze.custom)?.end).filter((end): end is number => end !== undefined);
  return ends.length === 0 ? null : new Date(Math.max(...ends)).toISOString();
}

function toRule(object: SavedObject) {
  const a = object.attributes;
  const snoozes = (a.snoozeSchedule as StoredSnooze[] | undefined) ?? [];
  const status = a.executionStatus as { status: string; lastExecutionDate: string; lastDuration: number };
  const actions = (a.actions as Record<string, unknown>[]).map(({ actionRef, actionTypeId, ...action }) => ({
    ...action,
    id: object.references.find((reference) => reference.name === actionRef)?.id,
    connector_type_id: actionTypeId,
  }));
  return {
    id: object.id,
    name: a.name,
    tags: a.tags,
    enabled: a.enabled,
    consumer: a.consumer,
    rule_type_id: a.alertTypeId,
    schedule: a.schedule,
    params: a.params,
    actions,
    notify_when: a.notifyWhen,
    throttle: a.throttle,
    mute_all: a.muteAll,
    muted_alert_ids: a.mutedInstanceIds,
    snooze_schedule: snoozes.map(snoozeView),
    is_snoozed_until: snoozedUntil(snoozes),
    created_by: a.createdBy,
    updated_by: a.updatedBy,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    api_key_owner: a.apiKeyOwner,
    api_key_created_by_user: false,
    scheduled_task_id: a.enabled ? object.id : undefined,
    execution_status: { status: status.status, last_execution_date: status.lastExecutionDate, last_duration: status.lastDuration },
    revision: a.revision,
    running: false,
  };
}

/** Applies a change to a rule's attributes, as enable/disable/mute do. */
function setRuleFlags(ctx: RequestContext, flags: Record<string, unknown>) {
  ctx.state.savedObjects.update(ctx.space, RULE_TYPE, ctx.params.id!, {
    attributes: { ...flags, updatedBy: ctx.username, updatedAt: now() },
  });
  return noContent();
}

export const alertingRoutes: Route[] = [
  {
    method: 'POST',
    path: '/api/alerting/rule/{id}',
    handler: (ctx) => {
      const body = ctx.body as RuleBody;
      if (!RULE_TYPES.some((type) => type.id === body.rule_type_id))
        throw badRequest(`Rule type "${body.rule_type_id}" is not registered.`);
      const created = ctx.state.savedObjects.create(ctx.space, {
        type: RULE_TYPE,
        id: ctx.params.id,
        ...newRule(body, ctx.username, connectorTypeLookup(ctx.state, ctx.space)),
      });
      return toRule(created);
    },
  },
  {
    method: 'GET',
    path: '/api/alerting/rule/{id}',
    handler: ({ state, space, params }) => toRule(state.savedObjects.require(space, RULE_TYPE, params.id!)),
  },
  {
    method: 'PUT',
    path: '/api/alerting/rule/{id}',
    handler: (ctx) => {
      const existing = ctx.state.savedObjects.require(ctx.space, RULE_TYPE, ctx.params.id!);
      const { attributes, references } = ruleAttributes(ctx.body as RuleBody, connectorTypeLookup(ctx.state, ctx.space));
      const updated = ctx.state.savedObjects.update(ctx.space, RULE_TYPE, existing.id, {
        attributes: { ...attributes, updatedBy: ctx.username, updatedAt: now(), revision: Number(existing.attributes.revision) + 1 },
        references,
      });
      return toRule(updated);
    },
  },
  {
    method: 'DELETE',
    path: '/api/alerting/rule/{id}',
    handler: deleteSavedObject(RULE_TYPE),
  },
  { method: 'POST', path: '/api/alerting/rule/{id}/_enable', handler: (ctx) => setRuleFlags(ctx, { enabled: true }) },
  { method: 'POST', path: '/api/alerting/rule/{id}/_disable', handler: (ctx) => setRuleFlags(ctx, { enabled: false }) },
  { method: 'POST', path: '/api/alerting/rule/{id}/_mute_all', handler: (ctx) => setRuleFlags(ctx, { muteAll: true }) },
  {
    method: 'POST',
    path: '/api/alerting/rule/{id}/_unmute_all',
    handler: (ctx) => setRuleFlags(ctx, { muteAll: false, mutedInstanceIds: [] }),
  },
  {
    method: 'POST',
    path: '/api/alerting/rule/{id}/snooze_schedule',
    versions: SNOOZE_SCHEDULES,
    handler: (ctx) => {
      const rule = ctx.state.savedObjects.require(ctx.space, RULE_TYPE, ctx.params.id!);
      const { custom } = (ctx.body as { schedule: { custom?: CustomSchedule } }).schedule;
      // The spec leaves `custom` optional; Kibana wants it.
      if (!custom) throw badRequest('[request body.schedule.custom]: expected value of type [object] but got [undefined]');
      checkSchedule(custom, 'request body.schedule.custom');
      const snooze = { id: newId(), custom };
      setRuleFlags(ctx, { snoozeSchedule: [...((rule.attributes.snoozeSchedule as StoredSnooze[] | undefined) ?? []), snooze] });
      return { body: { schedule: { id: snooze.id, custom } } };
    },
  },
  {
    method: 'DELETE',
    path: '/api/alerting/rule/{ruleId}/snooze_schedule/{scheduleId}',
    versions: SNOOZE_SCHEDULES,
    handler: (ctx) => {
      const { ruleId, scheduleId } = ctx.params;
      const rule = ctx.state.savedObjects.require(ctx.space, RULE_TYPE, ruleId!);
      const snoozes = (rule.attributes.snoozeSchedule as StoredSnooze[] | undefined) ?? [];
      if (!snoozes.some((snooze) => snooze.id === scheduleId)) throw notFound(`Rule ${ruleId} has no snooze schedule ${scheduleId}`);
      return setRuleFlags({ ...ctx, params: { id: ruleId! } }, { snoozeSchedule: snoozes.filter((snooze) => snooze.id !== scheduleId) });
    },
  },
  {
    method: 'GET',
    path: '/api/alerting/rules/_find',
    handler: ({ state, space, query }) => {
      const request = query as FindQuery;
      const page = request.page ?? 1;
      const perPage = request.per_page ?? 10;
      const found = findSavedObjects(state.savedObjects.list(space, [RULE_TYPE]), {
        ...request,
        search_fields: request.search_fields ?? ['name', 'tags'],
      });
      const fields = request.fields === undefined ? undefined : ['id', ...[request.fields].flat()];
      return {
        page,
        per_page: perPage,
        total: found.length,
        data: paginate(found, page, perPage).map((object) => {
          const rule = toRule(object);
          return fields ? Object.fromEntries(Object.entries(rule).filter(([name]) => fields.includes(name))) : rule;
        }),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/alerting/rule_types',
    handler: () =>
      RULE_TYPES.map((type) => ({
        id: type.id,
        name: type.name,
        category: type.category,
        producer: type.producer,
        action_groups: [
          { id: type.group, name: type.group },
          { id: 'recovered', name: 'Recovered' },
        ],
        default_action_group_id: type.group,
        recovery_action_group: { id: 'recovered', name: 'Recovered' },
        action_variables: { context: [], state: [], params: [] },
        minimum_license_required: 'basic',
        is_exportable: true,
        rule_task_timeout: '5m',
        enabled_in_license: true,
        has_alerts_mappings: true,
        authorized_consumers: { alerts: { read: true, all: true }, [type.producer]: { read: true, all: true } },
      })),
  },
  {
    method: 'GET',
    path: '/api/alerting/_health',
    handler: () => {
      const ok = { status: 'ok', timestamp: now() };
      return {
        is_sufficiently_secure: true,
        has_permanent_encryption_key: true,
        alerting_framework_health: { decryption_health: ok, execution_health: ok, read_health: ok },
      };
    },
  },
];
