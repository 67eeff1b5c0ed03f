// One tool name, several Kibana versions: each facts document that describes one of the tool's
// operations gives a variant over the versions that operation holds on there. Variants that would
// make the same tool (same arguments, schemas, request, annotations) over adjacent versions are one
// variant; the rest stay apart, and no two variants of a name may share a version.
import { compareVersions, type VersionRange } from '../kibana/versions.js';
import type { ComponentStore } from '../schema/components.js';
import { refName } from '../schema/refs.js';
import type { Schema } from '../schema/schema.js';
import { mapSubschemas } from '../schema/walk.js';
import type { ToolModel } from './tool-model.js';

export interface Variant {
  /** The facts document (spec id) whose schemas the variant validates with. */
  spec: string;
  model: ToolModel;
  components: ComponentStore;
}

/** The variants of one tool name, oldest first, merged where they are the same tool. */
export function mergeVariants(candidates: Variant[]): Variant[] {
  const sorted = [...candidates].sort((a, b) => compareStart(a.model.versions, b.model.versions));
  const merged: Variant[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last && overlaps(last.model.versions, next.model.versions))
      throw new Error(`${next.model.name}: ${describe(last)} and ${describe(next)} overlap; bound one with from/until in toolsets.yaml`);
    if (last && last.model.versions.until === next.model.versions.from && fingerprint(last) === fingerprint(next)) {
      const versions: VersionRange = { ...last.model.versions };
      if (next.model.versions.until === undefined) delete versions.until;
      else versions.until = next.model.versions.until;
      merged[merged.length - 1] = { ...next, model: { ...next.model, versions } };
    } else merged.push(next);
  }
  return merged;
}

function compareStart(a: VersionRange, b: VersionRange): number {
  if (a.from === b.from) return 0;
  if (a.from === undefined) return -1;
  if (b.from === undefined) return 1;
  return compareVersions(a.from, b.from);
}

/** `b` starts before `a` ends (with `a` starting no later than `b`). */
function overlaps(a: VersionRange, b: VersionRange): boolean {
  return a.until === undefined || b.from === undefined || compareVersions(b.from, a.until) < 0;
}

function describe({ spec, model }: Variant): string {
  const { from, until } = model.versions;
  return `${model.operation.method} ${model.operation.path} of ${spec} (${from ?? '…'} to ${until ?? '…'})`;
}

/** What makes a tool what it is, with component references inlined so that specs naming their components differently compare equal. */
function fingerprint({ model, components }: Variant): string {
  const { input, request, tier, annotations, spaceAware, textArgs, description, writeAnswer, keepsExisting } = model;
  const shown = { tier, annotations, spaceAware, textArgs, description, writeAnswer, keepsExisting };
  return JSON.stringify({ input: inlined(input, components, []), request, ...shown });
}

function inlined(schema: Schema, components: ComponentStore, stack: string[]): Schema {
  const name = refName(schema);
  if (name === undefined) return mapSubschemas(schema, (sub) => inlined(sub, components, stack));
  if (stack.includes(name)) return { $ref: `recursive:${stack.length - stack.indexOf(name)}` };
  const { $ref: _ref, ...siblings } = schema;
  return { ...inlined(components.require(name), components, [...stack, name]), ...siblings };
}
