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
  let text = '$';
  for (const part of path) {
    if (typeof part === 'number') {
      text += `[${part}]`;
    } else if (IDENTIFIER.test(part)) {
      text += `.${part}`;
    } else {
      text += `[${JSON.stringify(part)}]`;
    }
  }
  return text;
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
    return put(v === undefined ? 'undefined' : JSON.stringify(v) ?? String(v));
  };
  const complete = walk(value);
  const text = out.join('');
  return complete ? text : `${text.slice(0, maxChars)}…`;
}
