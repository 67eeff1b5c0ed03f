// Action connectors, stored as `action` saved objects. Running one records the run in state:
// the sandbox never reaches an external service.

import { badRequest } from '../http/errors.js';
import type { Route } from '../http/route.js';
import type { SandboxState } from '../state/index.js';
import type { SavedObject } from '../state/saved-object-store.js';
import { now, recordBounded } from '../state/space-store.js';
import { deleteSavedObject } from './saved-objects/handlers.js';

export const CONNECTOR_TYPE = 'action';

export interface ConnectorBody {
  name: string;
  connector_type_id?: string;
  config?: Record<string, unknown>;
}

const CONNECTOR_TYPES: { id: string; name: string; license: string; features: string[] }[] = [
  { id: '.server-log', name: 'Server log', license: 'basic', features: ['alerting', 'uptime', 'siem'] },
  { id: '.index', name: 'Index', license: 'basic', features: ['alerting', 'uptime', 'siem'] },
  { id: '.webhook', name: 'Webhook', license: 'gold', features: ['alerting', 'uptime', 'siem'] },
  { id: '.email', name: 'Email', license: 'gold', features: ['alerting', 'uptime', 'siem'] },
  { id: '.slack', name: 'Slack', license: 'gold', features: ['alerting', 'uptime', 'siem'] },
  { id: '.pagerduty', name: 'PagerDuty', license: 'gold', features: ['alerting', 'uptime', 'siem'] },
  { id: '.jira', name: 'Jira', license: 'gold', features: ['alerting', 'cases', 'uptime', 'siem'] },
  { id: '.servicenow', name: 'ServiceNow ITSM', license: 'platinum', features: ['alerting', 'cases', 'siem'] },
];

/** Secrets are not kept: the sandbox never uses them and Kibana never returns them. */
export function connectorAttributes(body: ConnectorBody): Record<string, unknown> {
  return { actionTypeId: body.connector_type_id, name: body.name, config: body.config ?? {}, isMissingSecrets: false };
}

function toConnector(object: SavedObject) {
  return {
    id: object.id,
    name: object.attributes.name,
    connector_type_id: object.attributes.actionTypeId,
    config: object.attributes.config ?? {},
    is_preconfigured: false,
    is_deprecated: false,
    is_missing_secrets: object.attributes.isMissingSecrets === true,
    is_system_action: false,
  };
}

/** Maps connector ids of rule actions to their type ids; an unknown connector is a 400. */
export function connectorTypeLookup(state: SandboxState, space: string): (id: string) => string {
  return (id) => {
    const connector = state.savedObjects.get(space, CONNECTOR_TYPE, id);
    if (!connector) throw badRequest(`Invalid connector id: [${id}] not found`);
    return String(connector.attributes.actionTypeId);
  };
}

const requireConnector = (state: SandboxState, space: string, id: string): SavedObject =>
  state.savedObjects.require(space, CONNECTOR_TYPE, id);

/** How many alerting rules use a connector in their actions. */
function referenceCount(state: SandboxState, space: string, id: string): number {
  return state.savedObjects
    .list(space, ['alert'])
    .filter((rule) => rule.references.some((reference) => reference.type === CONNECTOR_TYPE && reference.id === id)).length;
}

export const connectorRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/actions/connector_types',
    handler: ({ query }) =>
      CONNECTOR_TYPES.filter((type) => query.feature_id === undefined || type.features.includes(String(query.feature_id))).map((type) => ({
        id: type.id,
        name: type.name,
        enabled: true,
        enabled_in_config: true,
        enabled_in_license: true,
        minimum_license_required: type.license,
        supported_feature_ids: type.features,
        is_system_action_type: false,
      })),
  },
  {
    method: 'GET',
    path: '/api/actions/connectors',
    handler: ({ state, space }) =>
      state.savedObjects
        .list(space, [CONNECTOR_TYPE])
        .map((object) => ({ ...toConnector(object), referenced_by_count: referenceCount(state, space, object.id) })),
  },
  {
    method: 'GET',
    path: '/api/actions/connector/{id}',
    handler: ({ state, space, params }) => toConnector(requireConnector(state, space, params.id!)),
  },
  {
    method: 'POST',
    path: '/api/actions/connector/{id}',
    handler: ({ state, space, params, body }) => {
      const request = body as ConnectorBody;
      if (!CONNECTOR_TYPES.some((type) => type.id === request.connector_type_id)) {
        throw badRequest(`Action type "${request.connector_type_id}" is not registered.`);
      }
      return toConnector(
        state.savedObjects.create(space, { type: CONNECTOR_TYPE, id: params.id, attributes: connectorAttributes(request) }),
      );
    },
  },
  {
    method: 'PUT',
    path: '/api/actions/connector/{id}',
    handler: ({ state, space, params, body }) => {
      const request = body as ConnectorBody;
      const attributes = { name: request.name, config: request.config ?? {} };
      return toConnector(state.savedObjects.update(space, CONNECTOR_TYPE, params.id!, { attributes }));
    },
  },
  {
    method: 'DELETE',
    path: '/api/actions/connector/{id}',
    handler: deleteSavedObject(CONNECTOR_TYPE),
  },
  {
    method: 'POST',
    path: '/api/actions/connector/{id}/_execute',
    handler: ({ state, space, params, body }) => {
      const connector = requireConnector(state, space, params.id!);
      recordBounded(state.connectorExecutions, {
        connectorId: connector.id,
        connectorTypeId: String(connector.attributes.actionTypeId),
        space,
        params: (body as { params: unknown }).params,
        executedAt: now(),
      });
      return { status: 'ok', connector_id: connector.id, data: {} };
    },
  },
];
