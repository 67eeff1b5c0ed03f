// Work spread over lanes that run side by side, each taking the next item when it is free.

/** `work` over `items` in `lanes.length` lanes, each item once; results in the items' order. */
export async function inLanes<T, L, R>(items: T[], lanes: L[], work: (item: T, lane: L) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const run = async (lane: L) => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index] as T, lane);
  };
  await Promise.all(lanes.map(run));
  return results;
}
