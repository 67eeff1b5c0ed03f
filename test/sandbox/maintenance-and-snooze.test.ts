import { describe, expect, it } from 'vitest';
import { currentOccurrence, nextOccurrence } from '../../src/sandbox/query/schedule.js';
import { call, useSandbox } from './client.js';

const sandbox = useSandbox({ version: '9.3.0' });

const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe('custom schedules', () => {
  const at = Date.parse('2026-03-02T12:00:00Z'); // a Monday

  it('finds the running and the next occurrence of a one-off window', () => {
    const schedule = { start: '2026-03-02T11:00:00Z', duration: '2h' };
    expect(currentOccurrence(schedule, at)).toEqual({ start: Date.parse('2026-03-02T11:00:00Z'), end: Date.parse('2026-03-02T13:00:00Z') });
    expect(nextOccurrence(schedule, at)).toBeUndefined();
    expect(nextOccurrence(schedule, Date.parse('2026-03-01T00:00:00Z'))?.start).toBe(Date.parse('2026-03-02T11:00:00Z'));
  });

  it('repeats every n days or weeks, on given weekdays, up to a count or an end', () => {
    const weekly = { start: '2026-02-02T22:00:00Z', duration: '4h', recurring: { every: '1w' } };
    expect(nextOccurrence(weekly, at)?.start).toBe(Date.parse('2026-03-02T22:00:00Z'));
    const weekdays = { start: '2026-02-27T11:30:00Z', duration: '1h', recurring: { every: '1w', onWeekDay: ['MO', 'WE'] } };
    expect(currentOccurrence(weekdays, at)?.start).toBe(Date.parse('2026-03-02T11:30:00Z'));
    const counted = { start: '2026-02-26T11:00:00Z', duration: '2h', recurring: { every: '1d', occurrences: 3 } };
    expect(currentOccurrence(counted, at)).toBeUndefined();
    expect(nextOccurrence(counted, Date.parse('2026-02-28T00:00:00Z'))?.start).toBe(Date.parse('2026-02-28T11:00:00Z'));
    const ended = { start: '2026-02-26T11:00:00Z', duration: '2h', recurring: { every: '2d', end: '2026-03-01T00:00:00Z' } };
    expect(nextOccurrence(ended, Date.parse('2026-02-27T00:00:00Z'))?.start).toBe(Date.parse('2026-02-28T11:00:00Z'));
    expect(nextOccurrence(ended, at)).toBeUndefined();
  });
});

describe('maintenance windows', () => {
  it('creates a window for tonight (upcoming), finds it by status, archives, unarchives and deletes it', async () => {
    const created = await call(sandbox(), 'POST', '/s/security/api/maintenance_window', {
      body: {
        title: 'Patch night',
        schedule: { custom: { start: iso(6 * HOUR), duration: '3h', timezone: 'Europe/Berlin' } },
        scope: { alerting: { query: { kql: 'host.name:web-*' } } },
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ title: 'Patch night', enabled: true, status: 'upcoming', created_by: 'sandbox_api_key' });
    const id = created.body.id;
    const upcoming = await call(sandbox(), 'GET', '/s/security/api/maintenance_window/_find', { query: { status: 'upcoming' } });
    expect(upcoming.body).toMatchObject({ total: 1, page: 1, per_page: 10 });
    expect((await call(sandbox(), 'GET', `/api/maintenance_window/${id}`)).status).toBe(404);

    expect((await call(sandbox(), 'POST', `/s/security/api/maintenance_window/${id}/_archive`)).body.status).toBe('archived');
    expect((await call(sandbox(), 'POST', `/s/security/api/maintenance_window/${id}/_unarchive`)).body.status).toBe('upcoming');
    const running = await call(sandbox(), 'PATCH', `/s/security/api/maintenance_window/${id}`, {
      body: { schedule: { custom: { start: iso(-HOUR), duration: '2h' } } },
    });
    expect(running.body).toMatchObject({ status: 'running', title: 'Patch night' });
    expect((await call(sandbox(), 'DELETE', `/s/security/api/maintenance_window/${id}`)).status).toBe(204);
    expect((await call(sandbox(), 'GET', `/s/security/api/maintenance_window/${id}`)).status).toBe(404);
  });

  it('refuses a schedule Kibana would refuse', async () => {
    const badDuration = await call(sandbox(), 'POST', '/api/maintenance_window', {
      body: { title: 't', schedule: { custom: { start: iso(0), duration: 'two hours' } } },
    });
    expect(badDuration.status).toBe(400);
    expect(badDuration.body.message).toMatch(/^\[request body\.schedule\.custom\.duration\]/);
    const badEvery = await call(sandbox(), 'POST', '/api/maintenance_window', {
      body: { title: 't', schedule: { custom: { start: iso(0), duration: '1h', recurring: { every: 'weekly' } } } },
    });
    expect(badEvery.body.message).toMatch(/^\[request body\.schedule\.custom\.recurring\.every\]/);
    const noTitle = await call(sandbox(), 'POST', '/api/maintenance_window', {
      body: { schedule: { custom: { start: iso(0), duration: '1h' } } },
    });
    expect(noTitle.body.message).toBe('[request body.title]: expected value of type [string] but got [undefined]');
  });
});

describe('rule snooze schedules', () => {
  it('snoozes a rule for two hours from now, shows it on the rule, and unsnoozes it', async () => {
    const start = iso(0);
    const snoozed = await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/snooze_schedule', {
      body: { schedule: { custom: { start, duration: '2h' } } },
    });
    expect(snoozed.status).toBe(200);
    const { id, custom } = snoozed.body.body.schedule;
    expect(custom).toEqual({ start, duration: '2h' });
    const rule = await call(sandbox(), 'GET', '/api/alerting/rule/high-error-rate-rule');
    expect(rule.body.snooze_schedule).toEqual([{ id, duration: 2 * HOUR, rRule: { dtstart: start, tzid: 'UTC', count: 1 } }]);
    expect(Date.parse(rule.body.is_snoozed_until)).toBe(Date.parse(start) + 2 * HOUR);

    expect((await call(sandbox(), 'DELETE', `/api/alerting/rule/high-error-rate-rule/snooze_schedule/${id}`)).status).toBe(204);
    const after = await call(sandbox(), 'GET', '/api/alerting/rule/high-error-rate-rule');
    expect(after.body).toMatchObject({ snooze_schedule: [], is_snoozed_until: null });
    expect((await call(sandbox(), 'DELETE', `/api/alerting/rule/high-error-rate-rule/snooze_schedule/${id}`)).status).toBe(404);
  });

  it('shows a weekly recurring snooze as an rrule', async () => {
    const snoozed = await call(sandbox(), 'POST', '/api/alerting/rule/host-cpu-threshold-rule/snooze_schedule', {
      body: {
        schedule: {
          custom: {
            start: '2026-01-05T22:00:00Z',
            duration: '8h',
            timezone: 'UTC',
            recurring: { every: '1w', onWeekDay: ['MO'], occurrences: 10 },
          },
        },
      },
    });
    const rule = await call(sandbox(), 'GET', '/api/alerting/rule/host-cpu-threshold-rule');
    expect(rule.body.snooze_schedule).toEqual([
      {
        id: snoozed.body.body.schedule.id,
        duration: 8 * HOUR,
        rRule: { dtstart: '2026-01-05T22:00:00Z', tzid: 'UTC', freq: 2, interval: 1, count: 10, byweekday: ['MO'] },
      },
    ]);
  });

  it('wants the custom schedule, which the spec leaves optional', async () => {
    const empty = await call(sandbox(), 'POST', '/api/alerting/rule/high-error-rate-rule/snooze_schedule', { body: { schedule: {} } });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('[request body.schedule.custom]: expected value of type [object] but got [undefined]');
  });
});
