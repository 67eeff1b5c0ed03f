// The undici modules the client loads by path must be what undici's index exports: an upgrade
// that moves or changes one fails here, not in a user's first request.
import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { loadFormData, loadSender } from '../../src/client/undici-parts.js';

describe('the parts of undici the client loads', () => {
  it("are the index's Agent and its request method", async () => {
    const { agent, send } = await loadSender({});
    try {
      expect(agent).toBeInstanceOf(undici.Agent);
      const request = (await import('undici/lib/api/api-request.js')).default;
      expect(request).toBe(undici.Dispatcher.prototype.request);
      expect(typeof send).toBe('function');
    } finally {
      await agent.close();
    }
  });

  it("is the index's FormData", async () => {
    expect(await loadFormData()).toBe(undici.FormData);
  });
});
