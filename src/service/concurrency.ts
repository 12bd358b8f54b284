/**
 * Run async work over many items with a bound on how many run at once.
 */

/**
 * Apply `fn` to every item, at most `limit` at a time, and return the results in input order.
 * Stops starting new work after the first failure and rejects with it.
 * @param items - the inputs.
 * @param limit - the most calls in flight (at least 1).
 * @param fn - the work for one item (and its index).
 * @returns the results, in the order of `items`.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index], index);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
  return results;
}
