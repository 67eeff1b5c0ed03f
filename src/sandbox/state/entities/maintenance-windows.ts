// Maintenance windows: periods in which alerting rules run but send no notifications.

export interface CustomSchedule {
  start: string;
  duration: string;
  timezone?: string;
  recurring?: { every?: string; end?: string; occurrences?: number; onWeekDay?: string[]; onMonthDay?: number[]; onMonth?: number[] };
}

export interface MaintenanceWindow {
  id: string;
  title: string;
  enabled: boolean;
  archived: boolean;
  schedule: { custom: CustomSchedule };
  scope?: { alerting: { query: { kql: string } } };
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}
