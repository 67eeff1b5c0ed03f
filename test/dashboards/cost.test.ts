// The closing figure of issue 12, kept true: the log dashboard through the task tools costs an
// agent far fewer calls and tokens than the shortest generic path (bench/dashboards.ts prints them).
import { describe, expect, it } from 'vitest';
import { dashboardCosts, type PathCost } from '../../bench/dashboards.js';

const total = (cost: PathCost) => cost.argumentTokens + cost.resultTokens;

describe('the log dashboard, built and read back', () => {
  it.each(['8.18.2', '9.4.0'])('on Kibana %s takes 2 calls and at most a third of the generic tokens', async (version) => {
    const { task, generic } = await dashboardCosts(version);
    expect(task.calls).toBe(2);
    expect(generic.calls).toBe(5);
    expect(total(task)).toBeLessThan(500);
    expect(total(generic)).toBeGreaterThan(3 * total(task));
  });
});
