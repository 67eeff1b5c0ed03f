// How a destructive call is confirmed, by protocol era:
// - 2025 revisions, a connection that remembers the client (stdio): an elicitation request in the
//   middle of the call, and the call waits for the answer;
// - 2026-07-28: the call ends with an input-required result carrying the question and a sealed
//   state; the client retries with the answer and the state, and the tool runs again from the top.
import { type ClientCapabilities, inputResponse, type ServerContext } from '@modelcontextprotocol/server';
import { AnswerOnRetry, type ConfirmationChannel, type ConfirmationQuestion, InvalidConfirmation } from '../tools/runtime/confirmation.js';
import type { ConfirmationSeal } from './confirmation-seal.js';

/** The form the user answers: one yes/no field. */
export function confirmationForm(question: ConfirmationQuestion) {
  return {
    mode: 'form' as const,
    message: question.message,
    requestedSchema: {
      type: 'object' as const,
      properties: { confirm: { type: 'boolean' as const, title: 'Proceed', description: 'Yes, do it' } },
      required: ['confirm'],
    },
  };
}

/** Whether the client takes form elicitation: a bare `elicitation: {}` means form, as the specification has it. */
export function canElicitForms(capabilities: ClientCapabilities | undefined): boolean {
  const elicitation = capabilities?.elicitation;
  return elicitation !== undefined && (elicitation.form !== undefined || elicitation.url === undefined);
}

export function elicitationChannel(context: ServerContext): ConfirmationChannel {
  return {
    async ask(question, _subject, signal) {
      const answer = await context.mcpReq.elicitInput(confirmationForm(question), signal ? { signal } : {});
      return answer.action === 'accept' && answer.content?.confirm === true;
    },
  };
}

export function retryChannel(seal: ConfirmationSeal, context: ServerContext): ConfirmationChannel {
  return {
    async ask(question, subject) {
      const state = context.mcpReq.requestState();
      // No state: the first round, or answers the server never asked for. Either way, ask.
      if (typeof state !== 'string') throw new AnswerOnRetry(question, subject);
      await seal.redeem(state, question.key, subject, context);
      const answer = inputResponse(context.mcpReq.inputResponses, question.key);
      if (answer.kind === 'missing') throw new AnswerOnRetry(question, subject);
      if (answer.kind !== 'elicit') throw new InvalidConfirmation(`the answer to "${question.key}" is not an elicitation result`);
      return answer.action === 'accept' && answer.content?.confirm === true;
    },
  };
}
