// Readers give up on a panel the flat form cannot say by throwing the reason; the panel is then
// kept as it is and listed with that reason.
import type { FlatPanel } from './flat.js';

class Inexpressible extends Error {}

export const refuse = (reason: string): never => {
  throw new Inexpressible(reason);
};

export type PanelReading = { panel: FlatPanel } | { reason: string };

export function readOrKeep(read: () => FlatPanel): PanelReading {
  try {
    return { panel: read() };
  } catch (error) {
    if (error instanceof Inexpressible) return { reason: error.message };
    throw error;
  }
}
