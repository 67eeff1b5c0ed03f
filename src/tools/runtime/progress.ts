// Progress on one long Kibana request: when it starts, while Kibana works (Kibana says nothing until
// it answers, so the client hears that the call is still under way), and what Kibana says it did.
import type { KibanaResponse } from '../../client/index.js';
import type { LongCall } from '../long-calls.js';
import type { ProgressUpdate } from './tool.js';

/** How often a long call says it is still under way. */
export const PROGRESS_TICK_MS = 5_000;

export async function withProgress<T>(
  report: (update: ProgressUpdate) => void,
  call: LongCall,
  where: string,
  tickMs: number,
  send: () => Promise<KibanaResponse<T>>,
): Promise<KibanaResponse<T>> {
  const started = Date.now();
  let step = 0;
  report({ progress: step, message: `${call.doing}${where}` });
  const timer = setInterval(() => {
    step += 1;
    report({ progress: step, message: `still ${call.doing}${where} after ${Math.round((Date.now() - started) / 1000)} s` });
  }, tickMs);
  try {
    const response = await send();
    step += 1;
    report({ progress: step, total: step, message: call.done(response.data) ?? `${call.doing}${where}: done` });
    return response;
  } finally {
    clearInterval(timer);
  }
}
