import { ApiRefusal } from '../../../src/api/refusal.js';

/** The refusal `run` throws; fails the test when it throws anything else or nothing. */
export function refusal(run: () => unknown): ApiRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
