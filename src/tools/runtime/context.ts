// The context of one call: the runtime's parts bound to the caller (credentials, signal, deadline,
// how to ask the user, where progress goes) and to the tool (its name, its narrowing arguments).
import { type KibanaClient, KibanaError, type KibanaRequest, type KibanaResponse } from '../../client/index.js';
import { answerResult } from '../answers.js';
import { errorResult, failureResult } from '../error-results.js';
import type { KibanaVersion } from '../kibana-version.js';
import { longCallOf } from '../long-calls.js';
import { valueResult } from '../results.js';
import { MissingSpaceError, type SpaceGuard, spacesWrittenBy } from '../space-guard.js';
import { CallCutOff } from './calls-under-way.js';
import type { CallSlots } from './call-slots.js';
import {
  AnswerOnRetry,
  type Confirmation,
  type ConfirmationChannel,
  type ConfirmationPolicy,
  type ConfirmationQuestion,
  type ConfirmationSubject,
  InvalidConfirmation,
} from './confirmation.js';
import { withProgress } from './progress.js';
import type { ProgressUpdate, Tool, ToolContext } from './tool.js';

/** What one call brings of its own, from the protocol adapter. */
export interface Invocation {
  /** The caller's own Authorization header (HTTP passthrough). */
  authorization?: string;
  /** Aborts when the client cancels the call (and, inside the runtime, when the server cuts it off). */
  signal?: AbortSignal;
  /** When the whole call must have ended (epoch milliseconds); the runtime holds it to its own call timeout too. */
  deadline?: number;
  /** The turns of the caller's connection: a call waits for one before it starts. */
  slots?: CallSlots;
  /** How this caller's user is asked; absent when the client cannot be asked. */
  confirmations?: ConfirmationChannel;
  /** Why this caller's user cannot be asked, when `confirmations` is absent ("the client offers no elicitation"). */
  unaskable?: string;
  /** Where progress goes; absent when the client did not ask for it. */
  progress?: (update: ProgressUpdate) => void;
}

/** The shared parts a call context binds. */
export interface RuntimeParts {
  client: KibanaClient;
  spaceGuard: SpaceGuard;
  kibanaVersion: KibanaVersion;
  defaultSpace: string;
  maxResultChars: number;
  confirmation: ConfirmationPolicy;
  /** How often a long call says it is still under way. */
  progressTickMs: number;
}

/** What the checked arguments say beyond the tool's own: `full`, the whole answer of a compact write. */
export interface CallOptions {
  full: boolean;
}

export function callContext(
  parts: RuntimeParts,
  tool: Tool,
  args: Record<string, unknown>,
  invocation: Invocation,
  { full }: CallOptions = { full: false },
): ToolContext {
  const credentials = invocation.authorization === undefined ? {} : { authorization: invocation.authorization };
  // Kibana requests get the deadline itself, so that running out of time is a timeout that says so, not an abort.
  const asCaller = {
    ...credentials,
    ...(invocation.signal ? { signal: invocation.signal } : {}),
    ...(invocation.deadline === undefined ? {} : { deadline: invocation.deadline }),
  };
  const signal = callSignal(invocation);
  const shape = { maxChars: parts.maxResultChars, argumentNames: Object.keys(tool.inputSchema.properties ?? {}) };
  const subject: ConfirmationSubject = { tool: tool.name, args };
  async function kibana<T>(request: KibanaRequest): Promise<KibanaResponse<T>> {
    const send = () => parts.client.request<T>({ ...request, ...asCaller });
    const long = invocation.progress && longCallOf(request.method, request.path);
    const where = request.space && request.space !== 'default' ? ` in space "${request.space}"` : '';
    const response = long ? await withProgress(invocation.progress!, long, where, parts.progressTickMs, send) : await send();
    parts.spaceGuard.observe(request);
    return response;
  }
  return {
    kibana,
    defaultSpace: parts.defaultSpace,
    spaces: {
      async assertWritable(request, runsInSpace) {
        for (const space of spacesWrittenBy(request, runsInSpace)) await parts.spaceGuard.assertExists(space, asCaller);
      },
      async assertReadable(request) {
        if (request.space === undefined) return;
        try {
          await parts.spaceGuard.assertExists(request.space, asCaller, 'read');
        } catch (error) {
          // A check that fails otherwise (the caller may not read spaces) proves nothing: the answer stands.
          if (error instanceof MissingSpaceError || !(error instanceof KibanaError)) throw error;
        }
      },
    },
    version: () => parts.kibanaVersion.get({ ...credentials, ...(signal ? { signal } : {}) }),
    confirm: (question) => confirm(parts.confirmation, invocation, subject, question),
    progress: (update) => invocation.progress?.(update),
    results: {
      response: (response, request, shaping = tool.answers) => answerResult(response, { shaping, args, full, request }, shape),
      value: (value) => valueResult(value, shape),
      error: errorResult,
      failure: (error, notFound) => failureResult(error, parts.maxResultChars, notFound),
    },
    signal,
    deadline: invocation.deadline,
  };
}

const joinedSignals = new WeakMap<Invocation, { signal: AbortSignal; end(): void }>();

/**
 * The caller's signal, joined by a timer when the call has a deadline: one per invocation, whoever asks,
 * and its timer cleared by endCallSignal when the call answers (AbortSignal.timeout's would live on for
 * the whole --call-timeout, and pile up under load).
 */
export function callSignal(invocation: Invocation): AbortSignal | undefined {
  const { signal, deadline } = invocation;
  if (deadline === undefined) return signal;
  let joined = joinedSignals.get(invocation);
  if (!joined) {
    joined = deadlineSignal(signal, deadline);
    joinedSignals.set(invocation, joined);
  }
  return joined.signal;
}

/** The call has answered: its deadline's timer and its hold on the caller's signal go. */
export function endCallSignal(invocation: Invocation): void {
  joinedSignals.get(invocation)?.end();
  joinedSignals.delete(invocation);
}

function deadlineSignal(caller: AbortSignal | undefined, deadline: number): { signal: AbortSignal; end(): void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(caller?.reason);
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
    Math.max(0, deadline - Date.now()),
  );
  timer.unref();
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    end() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** Why a call stopped waiting, once its signal aborted or its deadline passed. */
export function whyStopped({ signal, deadline }: Invocation): string {
  if (signal?.reason instanceof CallCutOff) return `the server cut the call off (${signal.reason.message})`;
  if (deadline !== undefined && Date.now() >= deadline) return "the call's time limit (--call-timeout) ran out";
  return 'the call was cancelled';
}

const APPROVED: Confirmation = { approved: true };

const refused = (why: string): Confirmation => ({ approved: false, refusal: errorResult(`Not done: ${why}. Nothing was changed.`) });

/** What a confirmation leaves of the call's time for the action itself: 10 s, or half of what is left when that is less. */
const ACTION_RESERVE_MS = 10_000;

async function confirm(
  policy: ConfirmationPolicy,
  invocation: Invocation,
  subject: ConfirmationSubject,
  question: ConfirmationQuestion,
): Promise<Confirmation> {
  const { confirmations: channel, unaskable } = invocation;
  if (policy === 'never') return APPROVED;
  if (!channel) {
    if (policy === 'auto') return APPROVED;
    return refused(
      `${subject.tool} needs the user's confirmation and this client cannot be asked (${unaskable ?? 'it offers no elicitation'}); the server refuses such calls (--confirm always)`,
    );
  }
  const wait = confirmationWait(invocation);
  let approved: boolean | undefined;
  let failure: unknown;
  try {
    approved = await channel.ask(question, subject, wait.signal);
  } catch (error) {
    if (error instanceof AnswerOnRetry) throw error;
    failure = error;
  } finally {
    wait.dispose();
  }
  if (failure instanceof InvalidConfirmation) return refused(failure.message);
  // An answer that came after the wait's time counts for nothing: too little would be left to act on it.
  if (wait.expired) {
    return refused(
      `the confirmation timed out: the user did not answer within ${seconds(wait.ms)} whether to run ${subject.tool}, and the call must answer within its time limit (--call-timeout)`,
    );
  }
  if (approved === undefined) {
    if (invocation.signal?.aborted) return refused(`${whyStopped(invocation)} while the user was asked to confirm ${subject.tool}`);
    return refused(
      `the user could not be asked to confirm ${subject.tool} (${failure instanceof Error ? failure.message : String(failure)})`,
    );
  }
  return approved ? APPROVED : refused(`the user did not confirm ${subject.tool}`);
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

interface ConfirmationWait {
  /** Aborts when the call does, or when the wait has taken its share of the call's time. */
  signal: AbortSignal;
  /** True once the wait's own time ran out. */
  readonly expired: boolean;
  /** How long the user may take to answer. */
  ms: number;
  dispose(): void;
}

/** The wait for the user's answer: it ends before the call's deadline, with time left to do what was confirmed. */
function confirmationWait({ signal, deadline }: Invocation): ConfirmationWait {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - Date.now();
  const ms = Math.max(0, left - Math.min(ACTION_RESERVE_MS, left / 2));
  let expired = false;
  const timer =
    ms === Number.POSITIVE_INFINITY
      ? undefined
      : setTimeout(() => {
          expired = true;
          controller.abort(new Error(`no answer within ${ms} ms`));
        }, ms);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    ms,
    dispose() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
