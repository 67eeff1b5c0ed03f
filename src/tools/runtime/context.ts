// The context of one call: the runtime's parts bound to the caller (credentials, signal, deadline,
// how to ask the user, where progress goes) and to the tool (its name, its narrowing arguments).
import { type KibanaClient, KibanaError, type KibanaRequest, type KibanaResponse } from '../../client/index.js';
import { answerResult } from '../answers.js';
import { errorResult, failureResult } from '../error-results.js';
import type { KibanaVersion } from '../kibana-version.js';
import { longCallOf } from '../long-calls.js';
import { valueResult } from '../results.js';
import { MissingSpaceError, type SpaceGuard, spacesWrittenBy } from '../space-guard.js';
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
  /** Aborts when the client cancels the call. */
  signal?: AbortSignal;
  /** When the whole call must have ended (epoch milliseconds). */
  deadline?: number;
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
  const signal = callSignal(invocation);
  const asCaller = { ...credentials, ...(signal ? { signal } : {}) };
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
    version: () => parts.kibanaVersion.get(asCaller),
    confirm: (question) => confirm(parts.confirmation, invocation, subject, question, signal),
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

/** The caller's signal, joined by a timer when the call has a deadline. */
export function callSignal({ signal, deadline }: Invocation): AbortSignal | undefined {
  if (deadline === undefined) return signal;
  const timer = AbortSignal.timeout(Math.max(0, deadline - Date.now()));
  return signal ? AbortSignal.any([signal, timer]) : timer;
}

const APPROVED: Confirmation = { approved: true };

const refused = (why: string): Confirmation => ({ approved: false, refusal: errorResult(`Not done: ${why}. Nothing was changed.`) });

async function confirm(
  policy: ConfirmationPolicy,
  { confirmations: channel, unaskable }: Invocation,
  subject: ConfirmationSubject,
  question: ConfirmationQuestion,
  signal: AbortSignal | undefined,
): Promise<Confirmation> {
  if (policy === 'never') return APPROVED;
  if (!channel) {
    if (policy === 'auto') return APPROVED;
    return refused(
      `${subject.tool} needs the user's confirmation and this client cannot be asked (${unaskable ?? 'it offers no elicitation'}); the server refuses such calls (--confirm always)`,
    );
  }
  let approved: boolean;
  try {
    approved = await channel.ask(question, subject, signal);
  } catch (error) {
    if (error instanceof AnswerOnRetry) throw error;
    if (error instanceof InvalidConfirmation) return refused(error.message);
    if (signal?.aborted) return refused(`the call was cancelled while the user was asked to confirm ${subject.tool}`);
    return refused(`the user could not be asked to confirm ${subject.tool} (${error instanceof Error ? error.message : String(error)})`);
  }
  return approved ? APPROVED : refused(`the user did not confirm ${subject.tool}`);
}
