// Every tool, a bounded, seeded set of mutated arguments each (mutations.ts), driven in process
// through ToolRuntime.call against a recording Kibana. Checked for every call: nothing throws, every
// answer is a result, nothing is sent for arguments the runtime refuses, what must be refused is,
// valid arguments are not, nothing a caller sent is missing from the request, results stay within
// the result cap, no prototype is polluted. FUZZ_SEED=n replays another seed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ToolResult } from '../../src/tools/runtime/tool.js';
import type { ToolRuntime } from '../../src/tools/runtime/runtime.js';
import type { ToolSpec } from '../../src/tools/spec.js';
import { type RecordingKibana, startRecordingKibana } from '../../harness/recording-kibana.js';
import { GENERATED_TOOLS, testRuntime, textOf } from '../support/runtime.js';
import { listedVariant, variantGroups } from '../../src/tools/variants.js';
import { ALL_TOOLS, fullInputSchema } from '../support/tools.js';
import { droppedArguments } from './delivery.js';
import { type Mutation, mutationsOf, seededRandom } from './mutations.js';

const SEED = Number(process.env.FUZZ_SEED ?? 14);
const MAX_RESULT_CHARS = 20_000;
/** Room for the notice a cut result ends with. */
const NOTICE_ROOM = 1_000;
const CONCURRENCY = 8;

interface Finding {
  tool: string;
  mutation: string;
  invariant: string;
  detail: string;
}

interface Call {
  spec: ToolSpec;
  mutation: Mutation;
}

/** Each name once, with the variant tools/list shows when the version is unknown (the one its calls run here). */
const LISTED = variantGroups(ALL_TOOLS).map(listedVariant);
const VERSION_FOLLOWING = new Set(GENERATED_TOOLS.filter((tool) => tool.onVersion).map((tool) => tool.name));

let kibana: RecordingKibana;
let runtime: ToolRuntime;
const findings: Finding[] = [];
const tally = { calls: 0, accepted: 0, refused: 0, failed: 0 };
let mutationsPerTool: number[] = [];

beforeAll(async () => {
  kibana = await startRecordingKibana();
  runtime = testRuntime(kibana.url, { tools: GENERATED_TOOLS, maxResultChars: MAX_RESULT_CHARS });
  const random = seededRandom(SEED);
  const calls: Call[] = [];
  for (const spec of LISTED) {
    const mutations = mutationsOf(fullInputSchema(spec), random);
    mutationsPerTool.push(mutations.length);
    for (const mutation of mutations) calls.push({ spec, mutation });
  }
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < calls.length; index = next++) await check(calls[index] as Call, index);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}, 120_000);
afterAll(async () => {
  await runtime.close();
  await kibana.stop();
});

async function check({ spec, mutation }: Call, index: number): Promise<void> {
  const caller = `Bearer fuzz-call-${index}`;
  const note = (invariant: string, detail: string) => findings.push({ tool: spec.name, mutation: mutation.name, invariant, detail });
  tally.calls++;
  let result: ToolResult;
  const before = kibana.requests.length;
  try {
    result = await runtime.call(spec.name, mutation.args as Record<string, unknown>, { authorization: caller });
  } catch (error) {
    note('throws', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return;
  }
  if (!isResult(result)) {
    note('not a result', JSON.stringify(result)?.slice(0, 200) ?? String(result));
    return;
  }
  const text = textOf(result);
  // A name served by several variants first reads Kibana's version (GET /api/status) to know which schema applies.
  const sent = kibana.requests
    .slice(before)
    .filter((request) => request.headers.authorization === caller && !(VERSION_FOLLOWING.has(spec.name) && request.path === '/api/status'));
  const refused = text.startsWith(`Invalid arguments for ${spec.name}`);
  if (refused) tally.refused++;
  else if (result.isError) tally.failed++;
  else tally.accepted++;
  if (({} as Record<string, unknown>).polluted !== undefined) note('polluted', 'Object.prototype.polluted is set');
  if (text.startsWith('Internal error')) note('internal error', text.slice(0, 300));
  if (refused && sent.length > 0) note('sent though refused', `${sent.length} request(s) sent: ${sent[0]?.method} ${sent[0]?.path}`);
  if (mutation.expect === 'refused' && !refused) note('accepted what must be refused', text.slice(0, 300));
  if (mutation.expect === 'accepted' && result.isError) note('refused valid arguments', text.slice(0, 300));
  if (text.length > MAX_RESULT_CHARS + NOTICE_ROOM) note('over the result cap', `${text.length} characters`);
  // The call's own request: the last of its method (a write Kibana may ignore is followed by a GET that reads it back).
  const main = sent.findLast((request) => request.method === spec.request.method);
  if (!result.isError && main && isObject(mutation.args)) {
    const dropped = droppedArguments(spec, mutation.args, main);
    if (dropped.length > 0) note('dropped', dropped.join('; ').slice(0, 300));
  }
}

function isResult(value: unknown): value is ToolResult {
  if (!isObject(value) || !Array.isArray(value.content) || value.content.length === 0) return false;
  if (value.isError !== undefined && typeof value.isError !== 'boolean') return false;
  return value.content.every((part) => isObject(part) && part.type === 'text' && typeof part.text === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const describeFinding = (f: Finding) => `${f.tool} ${f.mutation}: ${f.invariant}: ${f.detail}`;

describe(`fuzz: every tool, seeded mutations (seed ${SEED})`, () => {
  it('covers every tool with its whole set of mutations', () => {
    expect(mutationsPerTool).toHaveLength(LISTED.length);
    expect(Math.min(...mutationsPerTool)).toBeGreaterThanOrEqual(9);
    expect(tally.calls).toBe(mutationsPerTool.reduce((sum, n) => sum + n, 0));
    // A run that only ever refused (or only accepted) would prove nothing.
    expect(tally.accepted).toBeGreaterThan(LISTED.length);
    expect(tally.refused).toBeGreaterThan(LISTED.length * 5);
    console.info(
      `fuzz: ${LISTED.length} tools × ${Math.min(...mutationsPerTool)}–${Math.max(...mutationsPerTool)} mutations = ${tally.calls} calls; ` +
        `${tally.accepted} accepted, ${tally.refused} refused by validation, ${tally.failed} other errors; ${findings.length} findings`,
    );
  });

  it('finds nothing', () => {
    expect(findings.map(describeFinding)).toEqual([]);
  });

  it('polluted no prototype', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
