// Kibana's checks of the values of the custom schedule maintenance windows and rule snoozes share
// (the spec facts hold its shape).

import { badRequest } from '../http/errors.js';
import { scheduleProblem } from '../query/schedule.js';
import type { CustomSchedule } from '../state/entities/maintenance-windows.js';

export function checkSchedule(schedule: CustomSchedule | undefined, field: string): void {
  const problem = schedule && scheduleProblem(schedule, field);
  if (problem) throw badRequest(problem);
}
