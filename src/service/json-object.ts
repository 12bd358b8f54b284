/**
 * The one test for "a JSON object" (`{…}`: not null, not an array). Pure, with no imports: the
 * drive's notebook writer (in the page's first bundle), pins and the JSON diff use it.
 */

/**
 * Whether a parsed JSON value is an object (not an array or null).
 * @param value - anything.
 * @returns true for `{…}`; the members' type is the caller's to claim (`unknown` by default).
 */
export function isJsonObject<T = unknown>(value: unknown): value is Record<string, T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
