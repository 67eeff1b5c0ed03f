// The variant that serves one call of a tool whose operation follows Kibana's version (one listed
// before the version was known): the version as this caller may know it → that version's variant,
// or a refusal that names the version.
import { errorResult } from '../error-results.js';
import type { KibanaVersion } from '../kibana-version.js';
import { callSignal, type Invocation, whyStopped } from './context.js';
import type { Tool, ToolResult } from './tool.js';

export type ServingVariant = { tool: Tool; version?: string } | { refusal: ToolResult };

export async function servingVariant(tool: Tool, kibanaVersion: KibanaVersion, invocation: Invocation): Promise<ServingVariant> {
  if (!tool.onVersion) return { tool };
  const { authorization } = invocation;
  const signal = callSignal(invocation);
  const version = await kibanaVersion.get({ ...(authorization === undefined ? {} : { authorization }), ...(signal ? { signal } : {}) });
  if (signal?.aborted) {
    return {
      refusal: errorResult(
        `Not sent: ${whyStopped(invocation)} while the server read Kibana's version (GET /api/status). Nothing was changed.`,
      ),
    };
  }
  // Kibana did not say (unreachable, or it refused this caller): the listed variant goes, and Kibana's own answer tells.
  if (version === undefined) return { tool };
  const chosen = tool.onVersion(version);
  return 'absent' in chosen ? { refusal: errorResult(chosen.absent) } : { tool: chosen, version };
}

/**
 * Invalid arguments for a variant whose schema is not the one tools/list showed: the refusal carries
 * the variant's schema, so that the agent can build the call for this Kibana in one more try.
 */
export function withVariantSchema(refusal: ToolResult, listed: Tool, variant: Tool, version: string): ToolResult {
  const schema = JSON.stringify(variant.inputSchema);
  if (variant === listed || schema === JSON.stringify(listed.inputSchema)) return refusal;
  const note = `Kibana ${version} takes other arguments for ${variant.name} than tools/list shows; its input schema: ${schema}`;
  return { ...refusal, content: [...refusal.content, { type: 'text', text: note }] };
}
