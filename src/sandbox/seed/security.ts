// Demo security data in the default space: four custom detection rules and twenty alerts they raised.

import { createHash } from 'node:crypto';
import { ASSIGNEES, WORKFLOW_STATUS, WORKFLOW_TAGS } from '../resources/detection-alerts.js';
import { newDetectionRule } from '../resources/detection-rules.js';
import type { DetectionRule } from '../state/entities/security.js';
import type { SandboxState } from '../state/index.js';

const SPACE = 'default';
const ALERTS_INDEX = '.internal.alerts-security.alerts-default-000001';
const HOSTS = [
  { name: 'web-01', os: { family: 'linux' } },
  { name: 'web-02', os: { family: 'linux' } },
  { name: 'db-01', os: { family: 'linux' } },
  { name: 'win-dc-01', os: { family: 'windows' } },
  { name: 'laptop-ana', os: { family: 'macos' } },
];
const USERS = ['root', 'ana', 'svc-backup', 'administrator'];

const RULES = [
  {
    rule_id: 'sandbox-ssh-brute-force',
    name: 'SSH brute force attempts',
    description: 'Many failed SSH logons from one source in a short time.',
    query: 'event.category:authentication and event.outcome:failure and process.name:sshd',
    severity: 'medium',
    risk_score: 47,
    tags: ['Linux', 'Credential Access'],
  },
  {
    rule_id: 'sandbox-encoded-powershell',
    name: 'Encoded PowerShell command',
    description: 'PowerShell started with an encoded command line.',
    query: 'process.name:powershell.exe and process.args:(-enc or -EncodedCommand)',
    severity: 'high',
    risk_score: 73,
    tags: ['Windows', 'Execution'],
  },
  {
    rule_id: 'sandbox-malware-detected',
    name: 'Malware detected by endpoint',
    description: 'The endpoint agent reported a malicious file.',
    query: 'event.kind:alert and event.module:endpoint and event.dataset:endpoint.alerts',
    severity: 'critical',
    risk_score: 99,
    tags: ['Endpoint', 'Malware'],
  },
  {
    rule_id: 'sandbox-suspicious-dns',
    name: 'DNS query to a newly seen domain',
    description: 'A host resolved a domain first seen in the last day.',
    query: 'event.category:network and dns.question.name:*',
    severity: 'low',
    risk_score: 21,
    tags: ['Network', 'Command and Control'],
  },
];

function workflowStatus(index: number): string {
  if (index % 5 === 4) return 'closed';
  return index % 4 === 1 ? 'acknowledged' : 'open';
}

function workflowTags(index: number): string[] {
  if (index % 6 === 0) return ['Escalated'];
  return index % 7 === 3 ? ['False Positive'] : [];
}

function alert(index: number, rule: DetectionRule, seededAt: number) {
  const id = createHash('sha256').update(`sandbox-alert-${index}`).digest('hex');
  const host = HOSTS[index % HOSTS.length]!;
  const timestamp = new Date(seededAt - index * 47 * 60_000).toISOString();
  return {
    _id: id,
    _index: ALERTS_INDEX,
    _source: {
      '@timestamp': timestamp,
      'event.kind': 'signal',
      'kibana.alert.uuid': id,
      'kibana.alert.status': 'active',
      'kibana.alert.original_time': timestamp,
      'kibana.alert.reason': `${rule.name} on ${host.name}`,
      'kibana.alert.severity': rule.severity,
      'kibana.alert.risk_score': rule.risk_score,
      'kibana.alert.rule.name': rule.name,
      'kibana.alert.rule.uuid': rule.id,
      'kibana.alert.rule.rule_id': rule.rule_id,
      'kibana.alert.rule.tags': rule.tags,
      'kibana.space_ids': [SPACE],
      [WORKFLOW_STATUS]: workflowStatus(index),
      [WORKFLOW_TAGS]: workflowTags(index),
      [ASSIGNEES]: [],
      host,
      user: { name: USERS[index % USERS.length] },
    },
  };
}

export function seedSecurity(state: SandboxState): void {
  const rules = RULES.map((body) => newDetectionRule({ ...body, type: 'query', index: ['logs-*', 'winlogbeat-*'] }, 'elastic'));
  for (const rule of rules) state.detectionRules.set(SPACE, rule.id, rule);
  const seededAt = Date.now();
  for (let index = 0; index < 20; index++) {
    const seeded = alert(index, rules[index % rules.length]!, seededAt);
    state.detectionAlerts.set(SPACE, seeded._id, seeded);
  }
}
