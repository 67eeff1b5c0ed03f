// Kibana's custom schedules (maintenance windows, rule snoozes): a start, a duration, and an optional
// recurrence (`every` 2d / 1w / 1M / 1y, limited by an end date or a number of occurrences, narrowed to
// weekdays, days of the month or months). Days are counted in UTC; the schedule's timezone is kept
// but not applied.

import type { CustomSchedule } from '../state/entities/maintenance-windows.js';
import { parseDuration } from './date-math.js';

const DAY_MS = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** How far ahead a recurrence is searched: five years of days. */
const HORIZON_DAYS = 5 * 366;

export interface Occurrence {
  start: number;
  end: number;
}

/** What is wrong with a schedule, field by field, or undefined when Kibana would take it. */
export function scheduleProblem(schedule: CustomSchedule, field: string): string | undefined {
  if (Number.isNaN(Date.parse(schedule.start))) return `[${field}.start]: expected an ISO date but got [${schedule.start}]`;
  if (Number.isNaN(parseDuration(schedule.duration)) || !/^\d+[smhd]$/.test(schedule.duration)) {
    return `[${field}.duration]: expected a duration such as 30m, 2h or 1d but got [${schedule.duration}]`;
  }
  const every = schedule.recurring?.every;
  if (every !== undefined && !/^[1-9]\d*[dwMy]$/.test(every))
    return `[${field}.recurring.every]: expected a period such as 1d, 2w, 1M or 1y but got [${every}]`;
  const end = schedule.recurring?.end;
  if (end !== undefined && Number.isNaN(Date.parse(end))) return `[${field}.recurring.end]: expected an ISO date but got [${end}]`;
  return undefined;
}

/** Occurrence starts in order, up to the recurrence's limits (one start without a recurrence). */
function* starts(schedule: CustomSchedule): Generator<number> {
  const first = Date.parse(schedule.start);
  const recurring = schedule.recurring;
  if (!recurring) {
    yield first;
    return;
  }
  const [, amount = '1', unit = 'd'] = /^(\d+)([dwMy])$/.exec(recurring.every ?? '1d') ?? [];
  const step = Number(amount);
  const end = recurring.end === undefined ? Number.POSITIVE_INFINITY : Date.parse(recurring.end);
  const firstDate = new Date(first);
  let count = 0;
  for (let day = 0; day < HORIZON_DAYS; day++) {
    const candidate = first + day * DAY_MS;
    if (candidate > end || (recurring.occurrences !== undefined && count >= recurring.occurrences)) return;
    const date = new Date(candidate);
    const months = (date.getUTCFullYear() - firstDate.getUTCFullYear()) * 12 + date.getUTCMonth() - firstDate.getUTCMonth();
    const period = { d: day, w: Math.floor(day / 7), M: months, y: Math.floor(months / 12) }[unit as 'd' | 'w' | 'M' | 'y'];
    const filtered = recurring.onWeekDay !== undefined || recurring.onMonthDay !== undefined || recurring.onMonth !== undefined;
    // Without filters the schedule repeats on the start's own day of the period.
    const onDay = filtered
      ? (recurring.onWeekDay === undefined || recurring.onWeekDay.some((weekday) => weekday.endsWith(WEEKDAYS[date.getUTCDay()]!))) &&
        (recurring.onMonthDay === undefined || recurring.onMonthDay.includes(date.getUTCDate())) &&
        (recurring.onMonth === undefined || recurring.onMonth.includes(date.getUTCMonth() + 1))
      : sameDayOfPeriod(unit!, firstDate, date, day);
    if (period % step === 0 && onDay) {
      count += 1;
      yield candidate;
    }
  }
}

function sameDayOfPeriod(unit: string, first: Date, date: Date, day: number): boolean {
  switch (unit) {
    case 'd':
      return true;
    case 'w':
      return day % 7 === 0;
    case 'M':
      return date.getUTCDate() === first.getUTCDate();
    default:
      return date.getUTCDate() === first.getUTCDate() && date.getUTCMonth() === first.getUTCMonth();
  }
}

/** The occurrence running at `at`, if any. */
export function currentOccurrence(schedule: CustomSchedule, at = Date.now()): Occurrence | undefined {
  const duration = parseDuration(schedule.duration);
  for (const start of starts(schedule)) {
    if (start > at) return undefined;
    if (at < start + duration) return { start, end: start + duration };
  }
  return undefined;
}

/** The next occurrence starting after `at`, if any. */
export function nextOccurrence(schedule: CustomSchedule, at = Date.now()): Occurrence | undefined {
  const duration = parseDuration(schedule.duration);
  for (const start of starts(schedule)) if (start > at) return { start, end: start + duration };
  return undefined;
}
