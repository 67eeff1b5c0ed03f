// A service-level objective, with the service level the sandbox reports for it.

export interface Slo {
  id: string;
  name: string;
  description: string;
  indicator: Record<string, unknown>;
  timeWindow: { duration: string; type: string };
  budgetingMethod: string;
  objective: { target: number };
  settings: Record<string, unknown>;
  tags: string[];
  groupBy: string | string[];
  enabled: boolean;
  revision: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The service level the sandbox reports; a real SLO computes it from its source data. */
  sliValue: number;
}

/** A request to delete the data of one instance of a grouped SLO (the sandbox keeps no per-instance data). */
export interface SloInstanceDeletion {
  space: string;
  sloId: string;
  instanceId: string;
}
