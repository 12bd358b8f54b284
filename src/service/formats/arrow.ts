/**
 * Apache Arrow (npm `apache-arrow`, ~214 KB), loaded on first use with a dynamic `import()` so it
 * stays out of the main bundle, and a realm-safe check for Arrow tables.
 */
import type * as Arrow from 'apache-arrow';
import type { Table } from 'apache-arrow';

/** The apache-arrow module. */
export type ArrowModule = typeof Arrow;

let arrowModule: Promise<ArrowModule> | undefined;

/**
 * Load apache-arrow (once).
 * @returns the module.
 */
export function loadArrow(): Promise<ArrowModule> {
  if (!arrowModule) {
    arrowModule = import('apache-arrow');
    arrowModule.catch(() => {
      arrowModule = undefined;
    });
  }
  return arrowModule;
}

/**
 * Use an apache-arrow module the caller has loaded already (statically) instead of importing it.
 * Under Node, a dynamic `import()` of the package from CommonJS code run by tsx loads its ESM
 * build: a second copy of Arrow beside the CommonJS one the static imports loaded (~0.4 s on the
 * table-diff benchmark, and tables from a copy whose classes differ). Bundles (the labextension,
 * the CLI) have one copy either way.
 * @param module - the loaded module.
 */
export function provideArrow(module: ArrowModule): void {
  arrowModule ??= Promise.resolve(module);
}

/**
 * Whether a value is an Arrow `Table`. Checked by shape rather than `instanceof`, so a table made
 * by another copy of apache-arrow (or before ours was loaded) is recognised too.
 * @param value - anything.
 * @returns true for Arrow tables.
 */
export function isArrowTable(value: unknown): value is Table {
  if (value === null || typeof value !== 'object') {
    return false;
  }
  const t = value as Partial<Table>;
  return (
    typeof t.numRows === 'number' &&
    typeof t.numCols === 'number' &&
    Array.isArray(t.batches) &&
    Array.isArray(t.schema?.fields) &&
    typeof t.getChild === 'function'
  );
}
