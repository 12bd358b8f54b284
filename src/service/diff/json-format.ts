/**
 * Text forms of JSON paths and values for diff listings: `$.storms[3].wind` and bounded previews.
 */
import type { JsonPath } from './json';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A path as JSONPath-like text: `$`, `.name` for identifier keys, `["odd key"]` for other keys,
 * `[3]` for array indexes.
 * @param path - the path.
 * @returns the text.
 */
export function formatJsonPath(path: JsonPath): string {
  return '$' + path.map(formatPathPart).join('');
}

/** One step of a path as text: `[3]`, `.name` or `["odd key"]`. */
function formatPathPart(part: string | number): string {
  if (typeof part === 'number') {
    return `[${part}]`;
  }
  return IDENTIFIER.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
}

/**
 * A path's text in two parts, for a row too narrow for all of it: the end is the useful part
 * (the key that changed, with the key above it when the last step is an array index) and stays
 * whole; the start is what a view cuts, so a long `$.per_season["1990"]` reads `$.per_s…["1990"]`,
 * not `$.per_season[…`. `head + tail` is {@link formatJsonPath}'s text.
 * @param path - the path.
 * @returns the start and the end.
 */
export function splitJsonPath(path: JsonPath): { head: string; tail: string } {
  let cut = Math.max(0, path.length - 1);
  if (cut > 0 && typeof path[cut] === 'number') {
    cut--; // `storms[3]`: an index alone says little
  }
  return {
    head: '$' + path.slice(0, cut).map(formatPathPart).join(''),
    tail: path.slice(cut).map(formatPathPart).join('')
  };
}

/**
 * Compact JSON text of a value, cut after about `maxChars` characters with `…`. Stops walking the
 * value once the budget is spent, so a huge subtree costs no more than a small one.
 * @param value - a JSON value.
 * @param maxChars - the most characters (default 200).
 * @returns the text.
 */
export function previewJsonValue(value: unknown, maxChars = 200): string {
  const out: string[] = [];
  let used = 0;
  const put = (s: string): boolean => {
    out.push(s);
    used += s.length;
    return used <= maxChars;
  };
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!put('[')) {
        return false;
      }
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !put(',')) || !walk(v[i])) {
          return false;
        }
      }
      return put(']');
    }
    if (typeof v === 'object' && v !== null) {
      if (!put('{')) {
        return false;
      }
      let first = true;
      for (const [k, item] of Object.entries(v)) {
        if ((!first && !put(',')) || !put(`${JSON.stringify(k)}:`) || !walk(item)) {
          return false;
        }
        first = false;
      }
      return put('}');
    }
    // A bigint is an integer past 2^53 (json.ts keeps its digits); JSON.stringify refuses it.
    return put(v === undefined ? 'undefined' : typeof v === 'bigint' ? String(v) : (JSON.stringify(v) ?? String(v)));
  };
  const complete = walk(value);
  const text = out.join('');
  return complete ? text : `${text.slice(0, maxChars)}…`;
}
