// Kibana operations that can run long, and how progress on them is told: the one place that marks
// them. It goes by operation (method and path template), so every tool that sends one reports
// progress alike: a generated tool, a full-API call, a task tool. What a call did comes from
// Kibana's own answer, where it says (counts of objects, rules, agents); Kibana does not report
// while it works, so until it answers the client hears that the call is still under way.

export interface LongCall {
  /** What the call is doing, in a few words ("exporting saved objects"). */
  doing: string;
  /** What Kibana's answer says was done ("exported 1,200 objects, 3 missing references"), when it says. */
  done(data: unknown): string | undefined;
}

type Answer = Record<string, unknown> | undefined;

const count = (value: unknown): string => (typeof value === 'number' ? value.toLocaleString('en-US') : '?');
const asObject = (data: unknown): Answer =>
  data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Answer) : undefined;

/** ndjson exports: the objects, then one summary line with the counts. */
function exported(data: unknown): string | undefined {
  if (!Array.isArray(data)) return undefined;
  const summary = data.map(asObject).find((line) => line !== undefined && ('exportedCount' in line || 'exported_count' in line));
  const objects = data.length - (summary ? 1 : 0);
  const missing = summary?.missingRefCount ?? summary?.missing_rules_count;
  return `exported ${count(objects)} objects${typeof missing === 'number' && missing > 0 ? `, ${count(missing)} missing references` : ''}`;
}

function imported(data: unknown): string | undefined {
  const answer = asObject(data);
  if (typeof answer?.successCount !== 'number') return undefined;
  const failed = Array.isArray(answer.errors) ? answer.errors.length : 0;
  return `imported ${count(answer.successCount)} of ${count(answer.successCount + failed)} objects${failed > 0 ? ` (${count(failed)} failed)` : ''}`;
}

/** Copy to spaces answers per target space. */
function copied(data: unknown): string | undefined {
  const spaces = Object.values(asObject(data) ?? {}).map(asObject);
  if (spaces.length === 0) return undefined;
  const objects = spaces.reduce((sum, space) => sum + (typeof space?.successCount === 'number' ? space.successCount : 0), 0);
  const failed = spaces.reduce((sum, space) => sum + (Array.isArray(space?.errors) ? space.errors.length : 0), 0);
  return `copied ${count(objects)} objects into ${count(spaces.length)} space(s)${failed > 0 ? ` (${count(failed)} failed)` : ''}`;
}

function rulesBulk(data: unknown): string | undefined {
  const summary = asObject(asObject(asObject(data)?.attributes)?.summary);
  if (typeof summary?.total !== 'number') return undefined;
  return `${count(summary.succeeded)} of ${count(summary.total)} rules done, ${count(summary.failed)} failed, ${count(summary.skipped)} skipped`;
}

function fleetAction(data: unknown): string | undefined {
  const actionId = asObject(data)?.actionId;
  return typeof actionId === 'string' ? `Fleet took the action (${actionId}); agents carry it out as they check in` : undefined;
}

const LONG_CALLS: ReadonlyArray<{ method: string; path: RegExp; call: LongCall }> = [
  { method: 'POST', path: /^\/api\/saved_objects\/_export$/, call: { doing: 'exporting saved objects', done: exported } },
  { method: 'POST', path: /^\/api\/detection_engine\/rules\/_export$/, call: { doing: 'exporting detection rules', done: exported } },
  {
    method: 'POST',
    path: /^\/api\/(saved_objects\/_import|saved_objects\/_resolve_import_errors|detection_engine\/rules\/_import|exception_lists\/_import)$/,
    call: { doing: 'importing', done: imported },
  },
  {
    method: 'POST',
    path: /^\/api\/spaces\/(_copy_saved_objects|_resolve_copy_saved_objects_errors)$/,
    call: { doing: 'copying saved objects between spaces', done: copied },
  },
  {
    method: 'POST',
    path: /^\/api\/detection_engine\/rules\/_bulk_action$/,
    call: { doing: 'running a bulk action on rules', done: rulesBulk },
  },
  {
    method: 'POST',
    path: /^\/api\/fleet\/agents\/bulk_[a-z_]+$/,
    call: { doing: 'sending a bulk action to Fleet agents', done: fleetAction },
  },
];

/** The long call a request is, if it is one. */
export function longCallOf(method: string, path: string): LongCall | undefined {
  return LONG_CALLS.find((entry) => entry.method === method && entry.path.test(path))?.call;
}
