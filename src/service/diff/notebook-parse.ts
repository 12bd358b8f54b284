/**
 * The parts of nbformat 4 that notebook diffs read, and parsing one side of a comparison.
 * (Own minimal types: src/service does not import JupyterLab packages.)
 */
import { HeliumError } from '../error-class';

/** nbformat's multiline string: one string, or a list of lines to join. */
export type MultilineString = string | string[];

/** One output of a code cell, as stored in the file. */
export interface IOutputJson {
  output_type: string;
  name?: string;
  text?: MultilineString;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  [key: string]: unknown;
}

/** One cell, as stored in the file. */
export interface ICellJson {
  cell_type: string;
  id?: string;
  source: MultilineString;
  metadata?: Record<string, unknown>;
  outputs?: IOutputJson[];
  execution_count?: number | null;
  attachments?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An nbformat 4 notebook. */
export interface INotebookJson {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: ICellJson[];
}

/**
 * Join an nbformat multiline string.
 * @param value - a string, a list of lines, or anything else (treated as empty).
 * @returns the text.
 */
export function joinMultiline(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value)) {
    return value.map(v => (typeof v === 'string' ? v : '')).join('');
  }
  return '';
}

/**
 * Parse and check one side of a notebook comparison.
 * @param text - the file's text.
 * @param what - how to name the side in a message, e.g. "Version A".
 * @returns the notebook (cells without a list of outputs get an empty one).
 * @throws HeliumError `InvalidInput` when it is not JSON or not an nbformat 4 notebook.
 */
export function parseNotebookSide(text: string, what: string): INotebookJson {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new HeliumError('InvalidInput', `${what} is not a notebook: it is not valid JSON (${reason}).`, {
      cause: err
    });
  }
  const nb = value as Partial<INotebookJson> | null;
  const isObject = typeof nb === 'object' && nb !== null && !Array.isArray(nb);
  // An nbformat 3 notebook keeps its cells in `worksheets`: say which format it is, not "no cells".
  if (isObject && typeof nb.nbformat === 'number' && nb.nbformat !== 4) {
    throw new HeliumError(
      'InvalidInput',
      `${what} is an nbformat ${String(nb.nbformat)} notebook; only nbformat 4 can be compared cell by cell. Choose the Text view instead.`
    );
  }
  if (!isObject || !Array.isArray(nb.cells)) {
    throw new HeliumError('InvalidInput', `${what} is not a Jupyter notebook: it has no list of cells.`);
  }
  if (nb.nbformat !== 4) {
    throw new HeliumError(
      'InvalidInput',
      `${what} is an nbformat ${String(nb.nbformat)} notebook; only nbformat 4 can be compared cell by cell. Choose the Text view instead.`
    );
  }
  const cells = nb.cells.map((cell, index) => {
    if (typeof cell !== 'object' || cell === null || typeof (cell as ICellJson).cell_type !== 'string') {
      throw new HeliumError('InvalidInput', `${what}: cell ${index + 1} is not a valid notebook cell.`);
    }
    const c = cell as ICellJson;
    return { ...c, outputs: Array.isArray(c.outputs) ? c.outputs : [] };
  });
  return {
    nbformat: 4,
    nbformat_minor: typeof nb.nbformat_minor === 'number' ? nb.nbformat_minor : 0,
    metadata: typeof nb.metadata === 'object' && nb.metadata !== null ? nb.metadata : {},
    cells
  };
}
