// Everything the sandbox remembers. Tests read it through `Sandbox.state`.

import type { AgentKey, Annotation, SourceMapArtifact } from './entities/apm.js';
import type { Case } from './entities/cases.js';
import type { ConnectorExecution } from './entities/connectors.js';
import type { LiveQuery, ResponseAction } from './entities/endpoint.js';
import type { ExceptionItem, ExceptionList } from './entities/exceptions.js';
import type { Agent, AgentPolicy, FleetAction, PackageInfo, PackagePolicy } from './entities/fleet.js';
import type { MaintenanceWindow } from './entities/maintenance-windows.js';
import type { Role } from './entities/roles.js';
import type { DetectionAlert, DetectionRule } from './entities/security.js';
import type { ShortUrl } from './entities/short-urls.js';
import type { Slo, SloInstanceDeletion } from './entities/slos.js';
import type { Space } from './entities/spaces.js';
import { SavedObjectStore } from './saved-object-store.js';
import { SpaceStore } from './space-store.js';

/** Where space-agnostic exception lists and items are kept in their per-space stores (no space id can be this). */
export const AGNOSTIC_NAMESPACE = '*agnostic*';

export interface SandboxState {
  /** Kibana version reported by /api/status. */
  version: string;
  spaces: Map<string, Space>;
  /** Data views, dashboards, alerting rules, connectors and any imported type. */
  savedObjects: SavedObjectStore;
  /** Per space, as Kibana keeps it in the space's advanced settings. */
  defaultDataViewIds: Map<string, string | null>;
  shortUrls: Map<string, ShortUrl>;
  roles: Map<string, Role>;
  cases: SpaceStore<Case>;
  detectionRules: SpaceStore<DetectionRule>;
  detectionAlerts: SpaceStore<DetectionAlert>;
  /** Keyed by space, or by AGNOSTIC_NAMESPACE for agnostic lists; lists by id, items by id. */
  exceptionLists: SpaceStore<ExceptionList>;
  exceptionItems: SpaceStore<ExceptionItem>;
  slos: SpaceStore<Slo>;
  maintenanceWindows: SpaceStore<MaintenanceWindow>;
  fleet: {
    agents: Map<string, Agent>;
    agentPolicies: Map<string, AgentPolicy>;
    packagePolicies: Map<string, PackagePolicy>;
    /** The package registry as the sandbox knows it, by package name, with what is installed. */
    packages: Map<string, PackageInfo>;
    actions: FleetAction[];
  };
  apm: { agentKeys: AgentKey[]; annotations: Annotation[]; sourceMaps: Map<string, SourceMapArtifact> };
  /** Recorded, never executed. */
  responseActions: ResponseAction[];
  liveQueries: SpaceStore<LiveQuery>;
  /** Connector runs: the sandbox records them instead of reaching any external service. */
  connectorExecutions: ConnectorExecution[];
  /** SLO instances whose data was deleted: recorded, as the sandbox keeps no per-instance data. */
  sloInstanceDeletions: SloInstanceDeletion[];
}

export function createState(version: string): SandboxState {
  return {
    version,
    spaces: new Map(),
    savedObjects: new SavedObjectStore(),
    defaultDataViewIds: new Map(),
    shortUrls: new Map(),
    roles: new Map(),
    cases: new SpaceStore(),
    detectionRules: new SpaceStore(),
    detectionAlerts: new SpaceStore(),
    exceptionLists: new SpaceStore(),
    exceptionItems: new SpaceStore(),
    slos: new SpaceStore(),
    maintenanceWindows: new SpaceStore(),
    fleet: { agents: new Map(), agentPolicies: new Map(), packagePolicies: new Map(), packages: new Map(), actions: [] },
    apm: { agentKeys: [], annotations: [], sourceMaps: new Map() },
    responseActions: [],
    liveQueries: new SpaceStore(),
    connectorExecutions: [],
    sloInstanceDeletions: [],
  };
}

/** Drops everything that lived in a deleted space. */
export function clearSpace(state: SandboxState, space: string): void {
  state.savedObjects.deleteSpace(space);
  state.defaultDataViewIds.delete(space);
  for (const store of [
    state.cases,
    state.detectionRules,
    state.detectionAlerts,
    state.exceptionLists,
    state.exceptionItems,
    state.slos,
    state.maintenanceWindows,
    state.liveQueries,
  ]) {
    store.deleteSpace(space);
  }
}
