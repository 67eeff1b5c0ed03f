// The tool runtime: what every tool call shares (the Kibana client, the space guard, the Kibana
// version, the result size cap, the confirmation policy) and one way to list and call any tool.
// Protocol adapters (src/server/) translate requests into `call`; tools never see the protocol.
import { KibanaError, type KibanaClient } from '../../client/index.js';
import type { Logger } from '../../logger.js';
import { errorResult, failureResult, MAYBE_WRITTEN } from '../error-results.js';
import { clientStatusProbe, KibanaVersion } from '../kibana-version.js';
import { type ListedTool, listedTool } from '../listing.js';
import { boundResult } from '../results.js';
import { SpaceGuard } from '../space-guard.js';
import { checkArguments, malformedArguments } from './arguments.js';
import { CallCutOff, CallsUnderWay, describeCall } from './calls-under-way.js';
import { AnswerOnRetry, type ConfirmationPolicy } from './confirmation.js';
import { callContext, callSignal, endCallSignal, type Invocation, type RuntimeParts, whyStopped } from './context.js';
import { PROGRESS_TICK_MS } from './progress.js';
import type { Tool, ToolResult } from './tool.js';
import { servingVariant, withVariantSchema } from './variant.js';

export interface RuntimeOptions {
  tools: readonly Tool[];
  /** Owned from now on: `close()` closes it. */
  client: KibanaClient;
  defaultSpace: string;
  maxResultChars: number;
  confirmation: ConfirmationPolicy;
  logger: Logger;
  /** Where the Kibana version comes from (default: read through `client` when a call first needs it). */
  kibanaVersion?: KibanaVersion;
  /** How often a long call says it is still under way (default 5 s). */
  progressTickMs?: number;
  /** The time limit of one whole call, every step in it (default 50 s, under the 60 s most clients wait). */
  callTimeoutMs?: number;
}

export const DEFAULT_CALL_TIMEOUT_MS = 50_000;

export class UnknownToolError extends Error {
  override name = 'UnknownToolError';
  constructor(readonly tool: string) {
    super(`Unknown tool "${tool}"; call tools/list for the available tools`);
  }
}

export class ToolRuntime {
  readonly tools: readonly Tool[];
  /** The tools as `tools/list` shows them, built once: stateless HTTP lists them on every request. */
  readonly listing: readonly ListedTool[];
  readonly defaultSpace: string;
  readonly #byName = new Map<string, Tool>();
  readonly #parts: RuntimeParts;
  readonly #logger: Logger;
  readonly #callTimeoutMs: number;
  readonly #calls = new CallsUnderWay();

  constructor(options: RuntimeOptions) {
    for (const tool of options.tools) {
      if (this.#byName.has(tool.name)) throw new Error(`two tools are named "${tool.name}": a runtime serves each name once`);
      this.#byName.set(tool.name, tool);
    }
    this.tools = options.tools;
    this.listing = options.tools.map(listedTool);
    this.defaultSpace = options.defaultSpace;
    this.#logger = options.logger;
    this.#callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    this.#parts = {
      client: options.client,
      spaceGuard: new SpaceGuard(options.client),
      kibanaVersion: options.kibanaVersion ?? new KibanaVersion(clientStatusProbe(options.client)),
      defaultSpace: options.defaultSpace,
      maxResultChars: options.maxResultChars,
      confirmation: options.confirmation,
      progressTickMs: options.progressTickMs ?? PROGRESS_TICK_MS,
    };
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /**
   * Calls a tool. Refusals and failures are results (`isError`); it throws UnknownToolError for a
   * name it does not serve, and AnswerOnRetry when the caller's confirmation channel answers on a retry.
   * The call ends by its deadline: the invocation's, or the runtime's call timeout, whichever comes first.
   */
  call(name: string, args: Record<string, unknown> | undefined, invocation: Invocation = {}): Promise<ToolResult> {
    const tool = this.#byName.get(name);
    if (!tool) return Promise.reject(new UnknownToolError(name));
    const started = Date.now();
    const deadline = Math.min(invocation.deadline ?? Number.POSITIVE_INFINITY, started + this.#callTimeoutMs);
    return this.#calls.run(describeCall(name, args), invocation.signal, async (signal) => {
      // Kibana may echo the caller's credentials anywhere, success bodies included: no result carries them.
      const redact = this.#parts.client.redactorFor(invocation.authorization);
      const inCall: Invocation = { ...invocation, signal, deadline };
      const answered = await this.#inTurn(tool, args, inCall).finally(() => endCallSignal(inCall));
      const result = boundResult(redactedResult(answered, redact), this.#parts.maxResultChars);
      this.#logger.debug('tool call', { tool: name, ms: Date.now() - started, isError: result.isError === true });
      return result;
    });
  }

  /** Resolves once no call is under way. */
  idle(): Promise<void> {
    return this.#calls.idle();
  }

  /**
   * Cuts off every call under way (the server is stopping and cannot wait): each still answers,
   * saying that it was cut off. Returns what they were (tool and ids), since Kibana may have done them.
   */
  cutOff(why: string): string[] {
    return this.#calls.cutOff(why);
  }

  /** The calls under way (tool and ids). */
  get callsUnderWay(): string[] {
    return this.#calls.descriptions;
  }

  /** Waits for the calls under way, then closes the Kibana client. */
  async close(): Promise<void> {
    await this.idle();
    await this.#parts.client.close();
  }

  /** Arguments no validator can take are refused at once; a call of a connection that has all its calls running waits its turn. */
  async #inTurn(listed: Tool, raw: Record<string, unknown> | undefined, invocation: Invocation): Promise<ToolResult> {
    const malformed = malformedArguments(listed.name, raw);
    if (malformed) return malformed;
    const { slots } = invocation;
    if (!slots) return this.#run(listed, raw, invocation);
    const release = await slots.take(callSignal(invocation));
    if (!release) {
      return errorResult(
        `Not started: ${whyStopped(invocation)} while the call waited for its turn (at most ${slots.size} calls of one connection, or of one HTTP batch, run at once). Nothing was sent to Kibana.`,
      );
    }
    try {
      return await this.#run(listed, raw, invocation);
    } finally {
      release();
    }
  }

  async #run(listed: Tool, raw: Record<string, unknown> | undefined, invocation: Invocation): Promise<ToolResult> {
    const serving = await servingVariant(listed, this.#parts.kibanaVersion, invocation);
    if ('refusal' in serving) return serving.refusal;
    const { tool, version } = serving;
    const checked = await checkArguments(tool, raw);
    if (!checked.ok) return version === undefined ? checked.result : withVariantSchema(checked.result, listed, tool, version);
    try {
      return await tool.run(checked.args, callContext(this.#parts, tool, checked.args, invocation, { full: checked.full }));
    } catch (error) {
      if (error instanceof AnswerOnRetry) throw error;
      if (error instanceof KibanaError && error.category === 'aborted' && invocation.signal?.reason instanceof CallCutOff) {
        const maybeDone = error.method === 'GET' ? '' : MAYBE_WRITTEN;
        return errorResult(`Not finished: ${whyStopped(invocation)} before Kibana answered ${error.method} ${error.path}.${maybeDone}`);
      }
      return failureResult(error, this.#parts.maxResultChars);
    }
  }
}

function redactedResult(result: ToolResult, redact: (text: string) => string): ToolResult {
  return { ...result, content: result.content.map((part) => ({ ...part, text: redact(part.text) })) };
}
