// A recorded connector run: the sandbox records runs instead of reaching any external service.

export interface ConnectorExecution {
  connectorId: string;
  connectorTypeId: string;
  space: string;
  params: unknown;
  executedAt: string;
}
