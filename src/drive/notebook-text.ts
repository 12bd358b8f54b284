/**
 * The bytes of a notebook the `s3:` drive saves: what Jupyter's own server writes for the same
 * notebook (nbformat 4's `writes`: transient fields removed, multi-line strings split into lists of
 * lines, keys sorted, one-space indent, a final newline). JupyterLab hands the drive its model's
 * JSON, in another key order and with joined strings; written as is, a notebook made by Jupyter,
 * `jupytext` or `nbconvert` and saved without an edit became a new version of different bytes,
 * and every version diffed against a Jupyter-written one all over.
 */
import { compareCodePoints } from '../service/code-points';
import { isJsonObject } from '../service/json-object';

/** Mime types of a bundle whose strings nbformat splits into lines, besides `text/*`. */
const SPLIT_MIMES = new Set(['application/javascript', 'image/svg+xml']);

/** Python's `str.splitlines(True)`: every line with its ending, for all of Python's line breaks. */
const PYTHON_LINE = /[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)/g;

/**
 * Python's `text.splitlines(True)`.
 * @param text - the text.
 * @returns its lines, each with its line break; none for an empty text.
 */
export function pythonSplitLines(text: string): string[] {
  return (text.match(PYTHON_LINE) ?? []).filter(line => line.length > 0);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * Python's `json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)`. Written out rather
 * than `JSON.stringify` of a sorted copy: JS objects put integer-like keys first in numeric order
 * (`"9"` before `"10"`), Python sorts them as text.
 * @param value - the value.
 * @param depth - the current indent.
 * @returns the JSON text.
 */
function pythonIndented(value: Json, depth = 0): string {
  const inner = ' '.repeat(depth + 1);
  const close = `\n${' '.repeat(depth)}`;
  if (Array.isArray(value)) {
    return value.length === 0 ? '[]' : `[\n${value.map(v => inner + pythonIndented(v, depth + 1)).join(',\n')}${close}]`;
  }
  if (isJsonObject<Json>(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    const members = keys.map(key => `${inner}${JSON.stringify(key)}: ${pythonIndented(value[key], depth + 1)}`);
    return keys.length === 0 ? '{}' : `{\n${members.join(',\n')}${close}}`;
  }
  return JSON.stringify(value);
}

/** nbformat's `_split_mimebundle`, in place. */
function splitBundle(bundle: Json | undefined): void {
  if (!isJsonObject<Json>(bundle)) {
    return;
  }
  for (const [mime, value] of Object.entries(bundle)) {
    if (typeof value === 'string' && (mime.startsWith('text/') || SPLIT_MIMES.has(mime))) {
      bundle[mime] = pythonSplitLines(value);
    }
  }
}

/** nbformat 4's `split_lines` and `strip_transient`, in place on a copy. */
function asNbformatWrites(nb: JsonObject): void {
  const metadata = nb.metadata;
  if (isJsonObject<Json>(metadata)) {
    for (const transient of ['orig_nbformat', 'orig_nbformat_minor', 'signature']) {
      delete metadata[transient];
    }
  }
  for (const cell of nb.cells as Json[]) {
    if (!isJsonObject<Json>(cell)) {
      continue;
    }
    if (typeof cell.source === 'string') {
      cell.source = pythonSplitLines(cell.source);
    }
    if (isJsonObject<Json>(cell.attachments)) {
      Object.values(cell.attachments).forEach(splitBundle);
    }
    if (cell.cell_type === 'code' && Array.isArray(cell.outputs)) {
      for (const output of cell.outputs) {
        if (!isJsonObject<Json>(output)) {
          continue;
        }
        if (output.output_type === 'execute_result' || output.output_type === 'display_data') {
          splitBundle(output.data);
        } else if (output.output_type === 'stream' && typeof output.text === 'string') {
          output.text = pythonSplitLines(output.text);
        }
      }
    }
    if (isJsonObject<Json>(cell.metadata)) {
      delete cell.metadata.trusted;
    }
  }
}

/**
 * The text Jupyter's server would write for this notebook content (nbformat 4); any other
 * content is written as JSON with the same layout, unchanged.
 * @param content - the notebook as JupyterLab's model gives it.
 * @returns the file's text.
 */
export function notebookText(content: unknown): string {
  const copy = JSON.parse(JSON.stringify(content ?? null)) as Json;
  if (isJsonObject<Json>(copy) && copy.nbformat === 4 && Array.isArray(copy.cells)) {
    asNbformatWrites(copy);
    return pythonIndented(copy) + '\n';
  }
  return JSON.stringify(copy, null, 1) + '\n';
}
