/**
 * Comparing the outputs of two versions of a code cell. Text (streams, errors, `text/plain`) is
 * diffed line by line; images and other rich content (HTML, JavaScript, widgets…) are only
 * compared, never turned into anything a view could render.
 */
import { joinMultiline, IOutputJson } from './notebook-parse';
import { ILineDiff, lineDiff, linesOf } from './notebook-lines';

/** One output that was added, removed or changed. */
export interface IOutputChange {
  /** Position in the right cell's outputs (in the left one's for `removed`). */
  index: number;
  kind: 'added' | 'removed' | 'changed';
  /** `stream`, `execute_result`, `display_data`, `error`… (the right one's when changed). */
  outputType: string;
  /** The stream name (`stdout`, `stderr`) for streams. */
  name?: string;
  /** The text of the output (or its text diff), when it has text and that text differs or is new. */
  text?: ILineDiff;
  /** Whether image data was added, removed or changed. */
  image: boolean;
  /** Whether other rich content (HTML, JavaScript, JSON, widgets…) was added, removed or changed. */
  rich: boolean;
}

/** An output reduced to what is compared. */
interface INormalOutput {
  outputType: string;
  name?: string;
  /** Text shown for it, or undefined when it has none. */
  text?: string;
  /** Canonical JSON of its image data ('' when none). */
  images: string;
  /** Canonical JSON of its other rich data ('' when none). */
  rich: string;
  /** Canonical JSON of everything compared. */
  signature: string;
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/**
 * JSON text with object keys sorted, so equal values give equal text.
 * @param value - a JSON value.
 * @returns the text.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map(k => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether a value is an nbformat multiline string (a string, or a list of strings).
 * @param value - a value of the file.
 * @returns true for text.
 */
function isMultiline(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every(line => typeof line === 'string'));
}

/**
 * Reduce an output to what is compared and what can be shown as text.
 * @param output - the output from the file.
 * @param ignoreExecutionCount - leave `execution_count` out of the comparison.
 * @returns the normal form.
 */
function normalize(output: IOutputJson, ignoreExecutionCount: boolean): INormalOutput {
  const outputType = typeof output.output_type === 'string' ? output.output_type : 'unknown';
  let text: string | undefined;
  const images: Record<string, string> = {};
  const rich: Record<string, unknown> = {};
  if (outputType === 'stream') {
    text = joinMultiline(output.text);
  } else if (outputType === 'error') {
    const traceback = Array.isArray(output.traceback) ? output.traceback.join('\n') : '';
    text = `${String(output.ename ?? '')}: ${String(output.evalue ?? '')}\n${traceback}`.replace(ANSI, '');
  } else if (output.data && typeof output.data === 'object') {
    for (const [mime, value] of Object.entries(output.data)) {
      if (mime === 'text/plain') {
        text = joinMultiline(value);
      } else if (mime.startsWith('image/')) {
        images[mime] = joinMultiline(value);
      } else {
        rich[mime] = value;
      }
    }
  }
  // nbformat lets a tool write any multiline string as one string or as a list of lines: compare
  // the joined text, or re-saving a notebook with another tool changes every output.
  const compared: Record<string, unknown> = { ...output };
  delete compared.metadata;
  if (outputType === 'stream') {
    compared.text = text;
  }
  if (output.data && typeof output.data === 'object') {
    compared.data = Object.fromEntries(
      Object.entries(output.data).map(([mime, value]) => [mime, isMultiline(value) ? joinMultiline(value) : value])
    );
  }
  if (ignoreExecutionCount) {
    delete compared.execution_count;
  }
  const imagesJson = Object.keys(images).length ? canonicalJson(images) : '';
  const richJson = Object.keys(rich).length ? canonicalJson(rich) : '';
  return {
    outputType,
    name: typeof output.name === 'string' ? output.name : undefined,
    text,
    images: imagesJson,
    rich: richJson,
    signature: canonicalJson(compared)
  };
}

/**
 * Describe an output that is only on one side.
 * @param o - the output.
 * @param index - its position.
 * @param kind - added or removed.
 * @returns the change.
 */
function oneSided(o: INormalOutput, index: number, kind: 'added' | 'removed'): IOutputChange {
  return {
    index,
    kind,
    outputType: o.outputType,
    name: o.name,
    text: o.text !== undefined ? linesOf(o.text, kind) : undefined,
    image: o.images !== '',
    rich: o.rich !== ''
  };
}

/**
 * Compare two lists of outputs position by position (execution order). Output metadata is not
 * compared; `execution_count` only when asked.
 * @param left - the older cell's outputs.
 * @param right - the newer cell's outputs.
 * @param ignoreExecutionCount - leave execution counts out of the comparison (default true).
 * @returns the outputs that differ, in order; empty when they are the same.
 */
export function diffOutputs(left: IOutputJson[], right: IOutputJson[], ignoreExecutionCount = true): IOutputChange[] {
  const a = left.map(o => normalize(o, ignoreExecutionCount));
  const b = right.map(o => normalize(o, ignoreExecutionCount));
  const changes: IOutputChange[] = [];
  const common = Math.min(a.length, b.length);
  for (let i = 0; i < common; i++) {
    const x = a[i];
    const y = b[i];
    if (x.signature === y.signature) {
      continue;
    }
    const textChanged = x.text !== y.text;
    const image = x.images !== y.images;
    const rich = x.rich !== y.rich;
    changes.push({
      index: i,
      kind: 'changed',
      outputType: y.outputType,
      name: y.name,
      text: textChanged ? lineDiff(x.text ?? '', y.text ?? '') : undefined,
      image,
      // Something else differs (output type, stream name…) that is neither text nor image.
      rich: rich || (!textChanged && !image)
    });
  }
  for (let i = common; i < a.length; i++) {
    changes.push(oneSided(a[i], i, 'removed'));
  }
  for (let i = common; i < b.length; i++) {
    changes.push(oneSided(b[i], i, 'added'));
  }
  return changes;
}
