// Confirmation of actions that cannot be undone. A tool asks through its context; the runtime's
// policy decides whether the user is asked at all; the caller's channel asks. A channel can ask
// in either of two ways:
// - now, and wait for the answer (2025 revisions: an elicitation request in the middle of the call);
// - on a retry (2026-07-28 input-required rounds): `ask` throws AnswerOnRetry with the question, the
//   call ends with it, and the client calls again with the answer. The tool then runs again from the
//   top, reaches the same question, and the channel returns the answer it carries, once it has checked
//   that the answer was given for this very call (the subject: tool and arguments).
import type { ToolResult } from './tool.js';

/**
 * `auto`: ask when the caller's client can be asked, run unconfirmed otherwise; `always`: refuse
 * what cannot be confirmed; `never`: never ask.
 */
export type ConfirmationPolicy = 'auto' | 'always' | 'never';

/** Shortest secret that may seal confirmation rounds (256 bits, the HMAC's key). */
export const MIN_SECRET_BYTES = 32;

export interface ConfirmationQuestion {
  /** Names the question within its call: an answer that comes with a retry is matched to it. */
  key: string;
  /** What the user reads: the action, its target, and that it cannot be undone. */
  message: string;
}

/** The call a question belongs to: an answer given for one call must never confirm another. */
export interface ConfirmationSubject {
  tool: string;
  args: Record<string, unknown>;
}

export interface ConfirmationChannel {
  /**
   * Resolves true when the user accepted, false when they declined or dismissed the question;
   * rejects when they could not be asked, with AnswerOnRetry when the answer comes on a retry, and
   * with InvalidConfirmation when the answer that came cannot count.
   */
  ask(question: ConfirmationQuestion, subject: ConfirmationSubject, signal?: AbortSignal): Promise<boolean>;
}

/** Thrown by a channel that cannot wait: the call ends asking these questions, and is retried with the answers. */
export class AnswerOnRetry extends Error {
  override name = 'AnswerOnRetry';
  constructor(
    readonly question: ConfirmationQuestion,
    readonly subject: ConfirmationSubject,
  ) {
    super(`"${question.key}" is answered on a retry of ${subject.tool}`);
  }
}

/** Thrown by a channel whose answer came with the call but cannot count: forged, replayed, expired, or for other arguments. */
export class InvalidConfirmation extends Error {
  override name = 'InvalidConfirmation';
}

/** Approved, or refused with the result that says why and that nothing was changed. */
export type Confirmation = { approved: true } | { approved: false; refusal: ToolResult };
