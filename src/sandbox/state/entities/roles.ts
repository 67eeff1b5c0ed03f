// A security role (global: roles never live in a space), in the shape Kibana's role API speaks.

export interface KibanaPrivilege {
  base: string[];
  feature: Record<string, string[]>;
  spaces: string[];
}

export interface Role {
  name: string;
  description?: string;
  metadata: Record<string, unknown>;
  transient_metadata: { enabled: boolean };
  elasticsearch: { cluster: string[]; indices: Record<string, unknown>[]; run_as: string[]; [field: string]: unknown };
  kibana: KibanaPrivilege[];
}
