// The custom schedule maintenance windows and rule snoozes share: its body schema and Kibana's
// checks of its values.

import { badRequest } from '../http/errors.js';
import { scheduleProblem } from '../query/schedule.js';
import type { CustomSchedule } from '../state/entities/maintenance-windows.js';
import { array, number, object, string } from '../validation/json-schema.js';

export const customSchedule = object(
  {
    start: string(),
    duration: string(),
    timezone: string(),
    recurring: object({
      end: string(),
      every: string(),
      occurrences: number({ minimum: 1 }),
      onWeekDay: array(string(), { minItems: 1 }),
      onMonthDay: array(number({ minimum: 1, maximum: 31 }), { minItems: 1 }),
      onMonth: array(number({ minimum: 1, maximum: 12 }), { minItems: 1 }),
    }),
  },
  ['start', 'duration'],
);

export function checkSchedule(schedule: CustomSchedule | undefined, field: string): void {
  const problem = schedule && scheduleProblem(schedule, field);
  if (problem) throw badRequest(problem);
}
