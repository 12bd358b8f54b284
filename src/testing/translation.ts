/**
 * A translation bundle for specs, like JupyterLab's null translator (whose package is ESM, which
 * this jest setup does not load): no translation, `%1`, `%2`… filled in; `_n` picks singular or
 * plural and passes the count as `%1`.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

const fill = (text: string, args: unknown[]) => text.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1]));

export const testTrans = {
  __: (text: string, ...args: unknown[]) => fill(text, args),
  _n: (one: string, many: string, n: number, ...args: unknown[]) => fill(n === 1 ? one : many, [n, ...args])
} as unknown as TranslationBundle;

/**
 * A bundle that marks what it translates: `«…»` around the filled-in text. A spec gives it to a
 * model to prove a message goes through the translator (a literal would show unmarked).
 */
export const markingTrans = {
  __: (text: string, ...args: unknown[]) => `«${fill(text, args)}»`,
  _n: (one: string, many: string, n: number, ...args: unknown[]) => `«${fill(n === 1 ? one : many, [n, ...args])}»`
} as unknown as TranslationBundle;
