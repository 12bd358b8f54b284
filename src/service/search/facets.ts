/**
 * The bounds and ordering of search facets, shared by both backends so that they count, cut and
 * order alike (the parity test compares them).
 */
import type { FacetCounts } from './types';

/** Most first-level folders counted. */
export const FOLDER_FACETS = 20;
/** Most user_meta fields whose values are counted (the most frequent fields). */
export const META_VALUE_FIELDS = 8;
/** Most values counted per user_meta field. */
export const META_VALUES = 10;
/**
 * Values counted per field in each part before the parts are summed and cut to {@link META_VALUES}
 * (OpenSearch: its two indexes; embedded: scalars and arrays): more than kept, so a value spread
 * over both parts is rarely lost.
 */
export const META_VALUES_ASKED = 50;
/** Longer string values are not counted (OpenSearch's dynamic `keyword` sub-field: `ignore_above`). */
export const MAX_VALUE_CHARS = 256;

/** Plain code-unit order (SQLite's and OpenSearch's keyword order for the usual characters). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `n` largest counts, largest first, ties by value (as both backends' `ORDER BY n DESC, value`).
 * @param counts - the counts.
 * @param n - most entries kept.
 * @returns a new object whose insertion order is that order.
 */
export function topCounts(counts: FacetCounts, n: number): FacetCounts {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
  return Object.fromEntries(entries.slice(0, n));
}

/**
 * Add counts into a total (in place).
 * @param total - the running total.
 * @param more - counts to add.
 * @returns `total`.
 */
export function addCounts(total: FacetCounts, more: FacetCounts): FacetCounts {
  for (const [value, n] of Object.entries(more)) {
    total[value] = (total[value] ?? 0) + n;
  }
  return total;
}

/**
 * The fields whose values are counted: the most frequent ones.
 * @param fieldCounts - hits per user_meta field.
 * @returns at most {@link META_VALUE_FIELDS} names.
 */
export function valueFields(fieldCounts: FacetCounts): string[] {
  return Object.keys(topCounts(fieldCounts, META_VALUE_FIELDS));
}

/**
 * Cut per-field value counts to the facet's bounds: the given fields, each with its top values;
 * fields without a countable value are left out.
 * @param values - counts per field and value.
 * @param fields - the fields to keep, in order.
 * @returns the bounded counts.
 */
export function boundValues(values: Record<string, FacetCounts>, fields: string[]): Record<string, FacetCounts> {
  const out: Record<string, FacetCounts> = {};
  for (const field of fields) {
    const top = topCounts(values[field] ?? {}, META_VALUES);
    if (Object.keys(top).length > 0) {
      out[field] = top;
    }
  }
  return out;
}
