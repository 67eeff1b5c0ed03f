// The demo data set: small, realistic, with fixed ids (alerts are timed relative to start-up so
// that `now-24h` searches find them).

import { addComment, createCase, linkAlerts } from '../resources/cases.js';
import { newSlo } from '../resources/slos.js';
import type { SandboxState } from '../state/index.js';
import { seedFleet } from './fleet.js';
import { seedRoles } from './roles.js';
import { seedSavedObjects } from './saved-objects.js';
import { seedSecurity } from './security.js';

const NO_CONNECTOR = { id: 'none', name: 'none', type: '.none', fields: null };

function seedSpaces(state: SandboxState): void {
  state.spaces.set('default', {
    id: 'default',
    name: 'Default',
    description: 'This is your default space!',
    color: '#00bfb3',
    disabledFeatures: [],
    _reserved: true,
  });
  state.spaces.set('security', { id: 'security', name: 'Security', color: '#e7664c', disabledFeatures: [], solution: 'security' });
  state.spaces.set('marketing', { id: 'marketing', name: 'Marketing', color: '#6092c0', initials: 'MK', disabledFeatures: ['siem'] });
}

function seedCases(state: SandboxState): void {
  const phishing = createCase(
    state,
    'default',
    {
      title: 'Suspicious logins on web-01',
      description: 'Repeated SSH failures followed by a successful root logon.',
      tags: ['phishing', 'web'],
      owner: 'securitySolution',
      severity: 'high',
      connector: NO_CONNECTOR,
      settings: { syncAlerts: true },
    },
    'elastic',
  );
  addComment(
    phishing,
    { type: 'user', comment: 'Blocked the source IP at the firewall; checking other hosts.', owner: 'securitySolution' },
    'elastic',
  );
  const firstAlert = state.detectionAlerts.list('default')[0]!;
  addComment(
    phishing,
    {
      type: 'alert',
      alertId: firstAlert._id,
      index: firstAlert._index,
      rule: { id: String(firstAlert._source['kibana.alert.rule.uuid']), name: String(firstAlert._source['kibana.alert.rule.name']) },
      owner: 'securitySolution',
    },
    'elastic',
  );
  linkAlerts(state, 'default', phishing, [firstAlert._id]);
  createCase(
    state,
    'default',
    {
      title: 'Checkout latency regression',
      description: 'p95 latency of the checkout service doubled after the last deploy.',
      tags: ['checkout', 'performance'],
      owner: 'observability',
      severity: 'medium',
      connector: NO_CONNECTOR,
      settings: { syncAlerts: false },
    },
    'ana',
  );
}

function seedSlo(state: SandboxState): void {
  const slo = newSlo(
    {
      id: 'checkout-availability',
      name: 'Checkout availability',
      description: '99.5% of checkout requests succeed over 30 days.',
      indicator: {
        type: 'sli.kql.custom',
        params: {
          index: 'logs-*',
          timestampField: '@timestamp',
          good: 'service.name:checkout and http.response.status_code < 500',
          total: 'service.name:checkout',
        },
      },
      timeWindow: { duration: '30d', type: 'rolling' },
      budgetingMethod: 'occurrences',
      objective: { target: 0.995 },
      tags: ['checkout'],
    },
    0.9971,
  );
  state.slos.set('default', slo.id, slo);
}

export function seedState(state: SandboxState): void {
  seedSpaces(state);
  seedSavedObjects(state);
  seedSecurity(state);
  seedCases(state);
  seedSlo(state);
  seedRoles(state);
  seedFleet(state);
}
