// Deterministic YAML output: no anchors, no line folding, so equal documents are equal bytes.
import { stringify } from 'yaml';

export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}
