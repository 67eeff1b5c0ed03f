// Confirmation by elicitation (2025 revisions): a question sent to the client in the middle of the call.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { ElicitResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmationChannel } from '../tools/runtime/confirmation.js';

type SendRequest = Parameters<Parameters<Server['setRequestHandler']>[1]>[1]['sendRequest'];

export function elicitationChannel(sendRequest: SendRequest): ConfirmationChannel {
  return {
    async ask(question, _subject, signal) {
      const answer = await sendRequest(
        {
          method: 'elicitation/create',
          params: {
            mode: 'form',
            message: question.message,
            requestedSchema: {
              type: 'object',
              properties: { confirm: { type: 'boolean', title: 'Proceed', description: 'Yes, do it' } },
              required: ['confirm'],
            },
          },
        },
        ElicitResultSchema,
        signal ? { signal } : {},
      );
      return answer.action === 'accept' && answer.content?.confirm === true;
    },
  };
}
