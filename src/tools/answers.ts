// A Kibana answer as a tool result, shaped as the tool asks: a read keeps the `fields` it was given,
// a write says when it changed nothing and answers compactly unless `full`; then the size cap.
import type { KibanaRequest, KibanaResponse } from '../client/types.js';
import { requestedFields, selectFields } from './field-selection.js';
import { jsonLength } from './json-length.js';
import { nothingChangedNotice } from './no-change.js';
import { answerPayload, type ShapeOptions, valueResult } from './results.js';
import type { AnswerShaping, ToolResult } from './runtime/tool.js';
import { compactNotice, compactWriteAnswer, sentNames } from './write-answers.js';

export interface AnswerCall {
  shaping: AnswerShaping | undefined;
  /** The call's checked arguments. */
  args: Record<string, unknown>;
  /** The call asked for the whole answer of a write. */
  full: boolean;
  /** The request answered, when the tool says. */
  request?: KibanaRequest;
}

export function answerResult(response: KibanaResponse, call: AnswerCall, options: ShapeOptions): ToolResult {
  let payload = answerPayload(response);
  if (response.data === undefined) return valueResult(payload, options);
  const notices: string[] = [];
  const fieldsArgument = call.shaping?.fields;
  if (fieldsArgument !== undefined && call.args[fieldsArgument] !== undefined) {
    const selection = selectFields(payload, requestedFields(call.args[fieldsArgument]));
    payload = selection.value;
    if (selection.notice) notices.push(selection.notice);
  }
  if (call.shaping?.compact) {
    const nothing = nothingChangedNotice(payload);
    if (nothing) notices.push(nothing);
    if (!call.full) payload = compacted(payload, sentNames(call.request, call.args), notices);
  }
  return valueResult(payload, options, notices);
}

/** The compact answer, when it makes the result shorter, notice included. */
function compacted(payload: unknown, sent: ReadonlySet<string>, notices: string[]): unknown {
  const compact = compactWriteAnswer(payload, sent);
  const fullChars = jsonLength(payload);
  const compactChars = jsonLength(compact.value);
  const notice = compactNotice(compactChars, fullChars, compact.lists);
  if (compactChars + notice.length >= fullChars) return payload;
  notices.push(notice);
  return compact.value;
}
