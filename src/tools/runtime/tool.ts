// What every tool is to the runtime, whatever made it (the generator, the full-API catalogue, a
// hand-written task), and what it gets for one call. Nothing here knows MCP: src/server/ translates.
import type { z } from 'zod';
import type { KibanaRequest, KibanaResponse } from '../../client/types.js';
import type { NotFoundTarget } from '../error-results.js';
import type { JsonSchemaObject, Tier, ToolAnnotations } from '../spec.js';
import type { Confirmation, ConfirmationQuestion } from './confirmation.js';

/** A tool's answer: text parts, the data first (compact JSON, or the error), then any notices. */
export type ToolResult = {
  content: Array<{ type: 'text'; text: string }>;
  isError?: boolean;
};

/** How the runtime shapes a tool's answers, beyond the size cap that every result obeys. */
export interface AnswerShaping {
  /**
   * A write: its answer keeps what the agent needs next (ids, names, versions, status, counts,
   * errors, the fields the call sent) unless the call passes `full: true`; the runtime takes `full`
   * out of the arguments before the validator sees them.
   */
  compact?: boolean;
  /** A read: the argument naming the fields to return; the answer keeps only those, and says which no object has. */
  fields?: string;
}

export interface Tool {
  /** Matches `^[a-z0-9_]{1,48}$`, verb first; unique in a runtime. */
  name: string;
  toolset: string;
  /** The highest tier a configuration must allow for the tool to exist. */
  tier: Tier;
  description: string;
  /** The schema `tools/list` shows; may be depth-limited, the validator checks fully. */
  inputSchema: JsonSchemaObject;
  annotations: ToolAnnotations;
  answers?: AnswerShaping;
  /** The full check of the arguments; loaded on the first call, then kept. */
  validator(): Promise<z.ZodType<Record<string, unknown>>>;
  /**
   * Set on a tool listed before Kibana's version was known, whose operation or schema depends on the
   * version: the tool that serves a call on `version` (this one or another variant of the name, with
   * its own schema and validator), or why none does. The runtime asks before it checks the arguments.
   */
  onVersion?(version: string): Tool | { absent: string };
  /**
   * One call, with arguments the validator accepted. Ask `context.confirm` before changing anything:
   * a confirmation answered on a retry runs the tool again from the top.
   */
  run(args: Record<string, unknown>, context: ToolContext): Promise<ToolResult>;
}

/** What a tool gets for one call, bound to its caller. */
export interface ToolContext {
  /**
   * Sends one request to Kibana with the caller's credentials, aborted when the call is cancelled
   * or its deadline passes. Failures throw KibanaError, which the runtime turns into a result with a hint.
   */
  kibana<T = unknown>(request: KibanaRequest): Promise<KibanaResponse<T>>;
  /** The space a call that names none works in. */
  defaultSpace: string;
  spaces: {
    /**
     * Throws MissingSpaceError (a result that says so) when the request writes into a space that
     * does not exist: the one it runs in when `runsInSpace`, and any target spaces it names.
     */
    assertWritable(request: KibanaRequest, runsInSpace: boolean): Promise<void>;
    /**
     * Throws MissingSpaceError (a result that says so, with the nearest spaces) when the request ran
     * in a space that does not exist. Call it when a read found nothing: Kibana answers an empty page
     * for a space that does not exist. Asks Kibana only when the space was not confirmed lately.
     */
    assertReadable(request: KibanaRequest): Promise<void>;
  };
  /** The connected Kibana's version as this caller may read it; undefined when Kibana does not say. */
  version(): Promise<string | undefined>;
  /** Asks the user to approve what the tool is about to do, as the runtime's confirmation policy says. */
  confirm(question: ConfirmationQuestion): Promise<Confirmation>;
  /** Reports how far a long call is; does nothing when the client did not ask to hear. */
  progress(update: ProgressUpdate): void;
  results: ResultShaper;
  /** Aborts when the client cancels the call or its deadline passes. */
  signal: AbortSignal | undefined;
  /** When the call must have ended (epoch milliseconds), if it has a deadline. */
  deadline: number | undefined;
}

export interface ProgressUpdate {
  /** Work done so far, in the unit of `total` (objects exported, pages read). */
  progress: number;
  total?: number;
  /** What is happening, in a few words ("exported 1,200 of 5,000 objects"). */
  message?: string;
}

/** Results under the runtime's size cap, with notices that name the tool's own narrowing arguments. */
export interface ResultShaper {
  /**
   * A Kibana answer: compact JSON, ndjson as `{count, details, items}`, shaped as the tool's
   * `answers` say (a write compact unless `full`, a read's `fields` kept). `request` is the request
   * answered: a compact write keeps the fields it sent. `shaping` replaces the tool's `answers` for
   * this call (a tool that calls operations of every kind says per call which it made).
   */
  response(response: KibanaResponse, request?: KibanaRequest, shaping?: AnswerShaping): ToolResult;
  /** A value the tool composed itself. */
  value(value: unknown): ToolResult;
  /** A refusal or failure, in the tool's own words. */
  error(text: string): ToolResult;
  /** A thrown failure with the hint that fits it; `notFound` says what a 404 was about. */
  failure(error: unknown, notFound?: NotFoundTarget): ToolResult;
}
