// Endpoint response actions: recorded, never executed. A host that checks in answers at once with
// what such a host would report (a canned process list, a collected file's description); an offline
// host leaves the action pending. Isolation shows in the host's metadata once an isolate completes.

import { badRequest, notFound } from '../../http/errors.js';
import type { RequestContext, Route } from '../../http/route.js';
import { parseDateMath } from '../../query/date-math.js';
import { paginate } from '../../query/paging.js';
import type { ResponseAction, ResponseCommand } from '../../state/entities/endpoint.js';
import type { SandboxState } from '../../state/index.js';
import { newId, now, recordBounded } from '../../state/space-store.js';
import { array, type JsonSchema, object, oneOfValues, string } from '../../validation/json-schema.js';
import { checksIn } from '../fleet/common.js';
import { isEndpointHost } from './hosts.js';

const COMMANDS: ResponseCommand[] = ['isolate', 'unisolate', 'running-processes', 'kill-process', 'suspend-process', 'get-file'];

interface ActionBody {
  endpoint_ids: string[];
  comment?: string;
  alert_ids?: string[];
  case_ids?: string[];
  parameters?: Record<string, unknown>;
}

const CANNED_PROCESSES = [
  { command: '/sbin/init', pid: 1, entity_id: 'proc-init', user: 'root' },
  { command: '/usr/sbin/sshd -D', pid: 812, entity_id: 'proc-sshd', user: 'root' },
  { command: '/usr/bin/backup-agent --nightly', pid: 2231, entity_id: 'proc-backup', user: 'svc-backup' },
  { command: '/opt/Elastic/Endpoint/elastic-endpoint run', pid: 1403, entity_id: 'proc-endpoint', user: 'root' },
];

const fileId = (actionId: string, agentId: string): string => `${actionId}.${agentId}`;

/** What a host that ran the command would report. */
function cannedOutput(command: ResponseCommand, parameters: Record<string, unknown> = {}, actionId: string, agentId: string) {
  switch (command) {
    case 'running-processes':
      return { code: 'ra_running-processes_success', entries: CANNED_PROCESSES };
    case 'kill-process':
    case 'suspend-process': {
      const process = CANNED_PROCESSES.find((entry) => entry.pid === parameters.pid || entry.entity_id === parameters.entity_id);
      return {
        code: `ra_${command}_success`,
        command: process?.command ?? parameters.process_name ?? '',
        pid: process?.pid,
        entity_id: process?.entity_id,
      };
    }
    case 'get-file':
      return {
        code: 'ra_get-file_success_done',
        zip_size: 1_024,
        contents: [
          {
            path: String(parameters.path),
            file_name: String(parameters.path).split(/[\\/]/).at(-1),
            sha256: `sandbox-${fileId(actionId, agentId)}`,
            size: 4_096,
            type: 'file',
          },
        ],
      };
    default:
      return undefined;
  }
}

function recordAction(ctx: RequestContext, command: ResponseCommand): ResponseAction {
  const body = ctx.body as ActionBody;
  const unknown = body.endpoint_ids.filter((agentId) => {
    const agent = ctx.state.fleet.agents.get(agentId);
    return !agent || !isEndpointHost(ctx.state, agent);
  });
  if (unknown.length > 0) throw badRequest(`[request body.endpoint_ids]: no Elastic Defend host with id [${unknown.join(', ')}]`);
  const hosts = body.endpoint_ids.map((agentId) => ctx.state.fleet.agents.get(agentId)!);
  const id = newId();
  const startedAt = now();
  const action: ResponseAction = {
    id,
    command,
    agentType: 'endpoint',
    agents: body.endpoint_ids,
    hosts: Object.fromEntries(hosts.map((agent) => [agent.id, { name: agent.local_metadata.host.hostname }])),
    createdBy: ctx.username,
    startedAt,
    ...(body.comment === undefined ? {} : { comment: body.comment }),
    ...(body.parameters === undefined ? {} : { parameters: body.parameters }),
    ...(body.alert_ids === undefined ? {} : { alertIds: body.alert_ids }),
    ...(body.case_ids === undefined ? {} : { caseIds: body.case_ids }),
    agentState: {},
    outputs: {},
  };
  for (const agent of hosts) {
    const answered = checksIn(agent);
    action.agentState[agent.id] = { isCompleted: answered, wasSuccessful: answered, ...(answered ? { completedAt: startedAt } : {}) };
    const content = answered ? cannedOutput(command, body.parameters, id, agent.id) : undefined;
    if (content) action.outputs[agent.id] = { type: 'json', content };
  }
  return recordBounded(ctx.state.responseActions, action);
}

/** An action as Kibana's action API describes it; outputs only when asked for. */
function actionDetails(action: ResponseAction, withOutputs = true) {
  const states = Object.values(action.agentState);
  const isCompleted = states.every((state) => state.isCompleted);
  const wasSuccessful = isCompleted && states.every((state) => state.wasSuccessful);
  const { outputs, ...fields } = action;
  return {
    ...fields,
    isCompleted,
    wasSuccessful,
    isExpired: false,
    status: isCompleted ? (wasSuccessful ? 'successful' : 'failed') : 'pending',
    ...(isCompleted
      ? {
          completedAt: states
            .map((state) => state.completedAt!)
            .sort()
            .at(-1),
        }
      : {}),
    ...(withOutputs ? { outputs } : {}),
  };
}

function requireAction(state: SandboxState, id: string): ResponseAction {
  const action = state.responseActions.find((candidate) => candidate.id === id);
  if (!action) throw notFound(`Action [${id}] not found`);
  return action;
}

/** The file a get-file action collected from one host, as the file info route describes it. */
function fileInfo(state: SandboxState, actionId: string, id: string) {
  const action = requireAction(state, actionId);
  const agentId = action.agents.find((agent) => fileId(action.id, agent) === id);
  const output = agentId === undefined ? undefined : action.outputs[agentId];
  if (action.command !== 'get-file' || !output) throw notFound(`File with id [${id}] not found`);
  return {
    id,
    actionId,
    agentId,
    agentType: 'endpoint',
    name: 'upload.zip',
    status: 'READY',
    mimeType: 'application/zip',
    size: output.content.zip_size,
    created: action.agentState[agentId!]!.completedAt,
  };
}

const ids = (): JsonSchema => array(string({ minLength: 1 }), { minItems: 1 });
/** get-file, which the spec facts lack: the fields of every response action, and the file's path. */
const getFileBody = object(
  {
    endpoint_ids: ids(),
    agent_type: oneOfValues('endpoint', 'sentinel_one', 'crowdstrike', 'microsoft_defender_endpoint'),
    alert_ids: ids(),
    case_ids: ids(),
    comment: string(),
    parameters: object({ path: string({ minLength: 1 }) }, ['path']),
  },
  ['endpoint_ids', 'parameters'],
);

const PROCESS_FIELDS = ['pid', 'entity_id', 'process_name'];

/** The spec leaves each way of naming the process optional, but Kibana wants one of them. */
function checkProcessNamed(body: ActionBody): void {
  if (!PROCESS_FIELDS.some((field) => body.parameters?.[field] !== undefined))
    throw badRequest(`[request body.parameters]: expected one of [${PROCESS_FIELDS.join('|')}] to name the process`);
}

function actionRoute(path: string, command: ResponseCommand, body?: JsonSchema): Route {
  return {
    method: 'POST',
    path: `/api/endpoint/action/${path}`,
    ...(body ? { schema: { body } } : {}),
    handler: (ctx) => {
      if (command === 'kill-process' || command === 'suspend-process') checkProcessNamed(ctx.body as ActionBody);
      const action = recordAction(ctx, command);
      // `action` is the id, as Kibana still answers it next to `data`.
      return { action: action.id, data: actionDetails(action) };
    },
  };
}

const list = (value: unknown): string[] | undefined => (value === undefined ? undefined : [value as string | string[]].flat());

export const responseActionRoutes: Route[] = [
  actionRoute('isolate', 'isolate'),
  actionRoute('unisolate', 'unisolate'),
  actionRoute('running_procs', 'running-processes'),
  actionRoute('kill_process', 'kill-process'),
  actionRoute('suspend_process', 'suspend-process'),
  actionRoute('get_file', 'get-file', getFileBody),
  {
    method: 'GET',
    path: '/api/endpoint/action',
    handler: ({ state, query }) => {
      const page = (query.page as number | undefined) ?? 1;
      const pageSize = (query.pageSize as number | undefined) ?? 10;
      const [commands, agentIds, userIds, withOutputs] = [query.commands, query.agentIds, query.userIds, query.withOutputs].map(list);
      const start = query.startDate === undefined ? Number.NEGATIVE_INFINITY : parseDateMath(query.startDate);
      const end = query.endDate === undefined ? Number.POSITIVE_INFINITY : parseDateMath(query.endDate);
      const found = [...state.responseActions]
        .reverse()
        .filter((action) => commands === undefined || commands.includes(action.command))
        .filter((action) => agentIds === undefined || action.agents.some((agent) => agentIds.includes(agent)))
        .filter((action) => userIds === undefined || userIds.includes(action.createdBy))
        .filter((action) => Date.parse(action.startedAt) >= start && Date.parse(action.startedAt) <= end);
      return {
        page,
        pageSize,
        total: found.length,
        startDate: query.startDate,
        endDate: query.endDate,
        elasticAgentIds: agentIds,
        commands,
        userIds,
        data: paginate(found, page, pageSize).map((action) => actionDetails(action, withOutputs?.includes(action.id) ?? false)),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/endpoint/action/{action_id}',
    handler: ({ state, params }) => ({ data: actionDetails(requireAction(state, params.action_id!)) }),
  },
  {
    method: 'GET',
    path: '/api/endpoint/action_status',
    handler: ({ state, query }) => {
      const agentIds = list(query.agent_ids) ?? [];
      return {
        data: agentIds.map((agentId) => {
          const pending = Object.fromEntries(COMMANDS.map((command) => [command, 0]));
          for (const action of state.responseActions) {
            if (action.agentState[agentId] && !action.agentState[agentId].isCompleted) pending[action.command]! += 1;
          }
          return { agent_id: agentId, pending_actions: pending };
        }),
      };
    },
  },
  {
    method: 'GET',
    path: '/api/endpoint/action/{action_id}/file/{file_id}',
    handler: ({ state, params }) => ({ data: fileInfo(state, params.action_id!, params.file_id!) }),
  },
  {
    // Kibana streams the zip; the sandbox answers what the file is and never any bytes.
    method: 'GET',
    path: '/api/endpoint/action/{action_id}/file/{file_id}/download',
    handler: ({ state, params }) => ({ data: fileInfo(state, params.action_id!, params.file_id!), contents: 'not served by the sandbox' }),
  },
];
