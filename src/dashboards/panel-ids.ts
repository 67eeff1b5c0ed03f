// Ids for new panels: short (`p1`, `p2`...) since agents read and send them back, and never one a
// panel of the dashboard already has.

const SHORT_ID = /^p(\d+)$/;

export function newPanelIds(taken: Iterable<string> = []): () => string {
  let next = 0;
  const used = new Set(taken);
  for (const id of used) next = Math.max(next, Number(SHORT_ID.exec(id)?.[1] ?? 0));
  return () => {
    let id: string;
    do id = `p${++next}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}
