/**
 * `_bulk` bodies stay bounded in actions and bytes (documents with contents are up to 100 KB each).
 */
import { bulkBatches } from './opensearch-bulk';

describe('bulkBatches', () => {
  it('cuts by action count and by size, keeping every line once and in order', () => {
    const lines = Array.from({ length: 25 }, (_, i) => `${'x'.repeat(i % 2 ? 10 : 100)}${i}\n`);
    const batches = bulkBatches(lines, 10, 3 * 400);
    expect(batches.flat()).toEqual(lines);
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(10);
      expect(batch.join('').length * 3).toBeLessThanOrEqual(3 * 400);
    }
    expect(batches.length).toBeGreaterThan(3); // the size bound cut, not only the count
  });

  it('sends one action larger than the bound alone rather than never', () => {
    const big = 'y'.repeat(1000);
    expect(bulkBatches(['a', big, 'b'], 10, 300)).toEqual([['a'], [big], ['b']]);
    expect(bulkBatches([], 10, 300)).toEqual([]);
  });
});
