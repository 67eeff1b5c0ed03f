// Everything the sandbox remembers. Tests read it through `Sandbox.state`.

import type { Case } from './resources/cases.js';
import type { ConnectorExecution } from './resources/connectors.js';
import type { DetectionAlert } from './resources/detection-alerts.js';
import type { DetectionRule } from './resources/detection-rules.js';
import type { ShortUrl } from './resources/short-urls.js';
import type { Slo, SloInstanceDeletion } from './resources/slos.js';
import type { Space } from './resources/spaces.js';
import { SavedObjectStore } from './saved-object-store.js';
import { SpaceStore } from './store.js';

export interface SandboxState {
  /** Kibana version reported by /api/status. */
  version: string;
  spaces: Map<string, Space>;
  /** Data views, dashboards, alerting rules, connectors and any imported type. */
  savedObjects: SavedObjectStore;
  /** Per space, as Kibana keeps it in the space's advanced settings. */
  defaultDataViewIds: Map<string, string | null>;
  shortUrls: Map<string, ShortUrl>;
  cases: SpaceStore<Case>;
  detectionRules: SpaceStore<DetectionRule>;
  detectionAlerts: SpaceStore<DetectionAlert>;
  slos: SpaceStore<Slo>;
  /** Connector runs: the sandbox records them instead of reaching any external service. */
  connectorExecutions: ConnectorExecution[];
  /** SLO instances whose data was deleted: the sandbox keeps no per-instance data, so it records the request. */
  sloInstanceDeletions: SloInstanceDeletion[];
}

export function createState(version: string): SandboxState {
  return {
    version,
    spaces: new Map(),
    savedObjects: new SavedObjectStore(),
    defaultDataViewIds: new Map(),
    shortUrls: new Map(),
    cases: new SpaceStore(),
    detectionRules: new SpaceStore(),
    detectionAlerts: new SpaceStore(),
    slos: new SpaceStore(),
    connectorExecutions: [],
    sloInstanceDeletions: [],
  };
}

/** Drops everything that lived in a deleted space. */
export function clearSpace(state: SandboxState, space: string): void {
  state.savedObjects.deleteSpace(space);
  state.defaultDataViewIds.delete(space);
  for (const store of [state.cases, state.detectionRules, state.detectionAlerts, state.slos]) store.deleteSpace(space);
}
