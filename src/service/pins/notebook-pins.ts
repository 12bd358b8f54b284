/**
 * Pins in a notebook's metadata (`metadata.helium.pins`, a list), on a parsed `.ipynb` JSON value:
 * read and validate them, make one, and write them back. Pure: no S3, no files.
 *
 * A pin: `{"name", "uri": "s3://bucket/folder/", "package": "ns/name", "top_hash": <64 hex>,
 * "pinned_at": <ISO time>, "follows": "latest" | {"tag": NAME}}`. A malformed pin (written by
 * hand) is reported with its name and field and skipped; the others are read all the same. Fields
 * we do not know are kept as they are. Writing returns a new notebook value that shares every
 * other part (cells, other metadata) with the one given, so they serialize exactly as before.
 */
import { HeliumError } from '../error-class';
import { formatS3Uri } from '../uri';
import { isObject, validatePin } from './pin-validate';
import type { NotebookPins, Pin, PinFollows } from './types';

export { validatePin } from './pin-validate';

type JsonObject = Record<string, unknown>;

/**
 * The raw pins list of a notebook.
 * @param notebook - the parsed `.ipynb`.
 * @returns the list (empty when there is none), or a problem when `metadata.helium.pins` is not a list.
 */
function rawPins(notebook: unknown): { list: unknown[]; problem?: string } {
  const metadata = isObject(notebook) ? notebook.metadata : undefined;
  const helium = isObject(metadata) ? metadata.helium : undefined;
  if (helium === undefined) {
    return { list: [] };
  }
  if (!isObject(helium)) {
    return { list: [], problem: 'metadata.helium is not an object: expected {"pins": [...]}; fix or remove it in the notebook metadata.' };
  }
  if (helium.pins === undefined) {
    return { list: [] };
  }
  if (!Array.isArray(helium.pins)) {
    return { list: [], problem: 'metadata.helium.pins is not a list: expected [{"name": …, "uri": …}, …]; fix or remove it.' };
  }
  return { list: helium.pins };
}

/**
 * Read a notebook's pins: the valid ones, and a problem for each one that is not (including
 * duplicate names: the first one wins).
 * @param notebook - the parsed `.ipynb`.
 * @returns pins and problems.
 */
export function readNotebookPins(notebook: unknown): NotebookPins {
  const { list, problem } = rawPins(notebook);
  const result: NotebookPins = { pins: [], problems: problem ? [{ index: -1, message: problem }] : [] };
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const pin = validatePin(raw, index);
    if ('message' in pin) {
      result.problems.push(pin);
    } else if (seen.has(pin.name)) {
      result.problems.push({
        index,
        name: pin.name,
        field: 'name',
        message: `Pin "${pin.name}" (#${index + 1}): another pin has the same name; give each pin its own "name".`
      });
    } else {
      seen.add(pin.name);
      result.pins.push({ ...pin, index });
    }
  });
  return result;
}

/** What {@link makePin} needs. */
export interface MakePinOptions {
  bucket: string;
  /** The folder (`''` or ending in `/`). */
  folder: string;
  package: string;
  topHash: string;
  follows?: PinFollows;
  /** Default: the package name. */
  name?: string;
  /** Default: now. */
  pinnedAt?: Date;
}

/**
 * Make a pin, validated as one read from a notebook would be.
 * @param options - where, which package and snapshot, what it follows.
 * @returns the pin.
 * @throws HeliumError `InvalidInput` (code `InvalidPin`) naming the field.
 */
export function makePin(options: MakePinOptions): Pin {
  const folder = options.folder && !options.folder.endsWith('/') ? `${options.folder}/` : options.folder;
  const json = pinJson({
    name: options.name ?? options.package,
    uri: formatS3Uri({ bucket: options.bucket, key: folder }),
    package: options.package,
    top_hash: options.topHash.toLowerCase(),
    pinned_at: (options.pinnedAt ?? new Date()).toISOString(),
    follows: options.follows ?? 'latest'
  });
  const pin = validatePin(json, 0);
  if ('message' in pin) {
    throw new HeliumError('InvalidInput', pin.message.replace(/^Pin #1/, 'The pin'), { code: 'InvalidPin' });
  }
  return pin;
}

/**
 * A pin as written in the notebook (fields in a fixed order).
 * @param pin - the pin.
 * @returns its JSON object.
 */
export function pinJson(pin: Pick<Pin, 'name' | 'uri' | 'package' | 'top_hash' | 'pinned_at' | 'follows'>): JsonObject {
  return {
    name: pin.name,
    uri: pin.uri,
    package: pin.package,
    top_hash: pin.top_hash,
    pinned_at: pin.pinned_at,
    follows: pin.follows === 'latest' ? 'latest' : { tag: pin.follows.tag }
  };
}

/**
 * A copy of the notebook whose pins list is `pins`, sharing every other part with the original.
 * @param notebook - the parsed `.ipynb` (an object).
 * @param pins - the new list (raw items: JSON objects).
 * @returns the new notebook value.
 * @throws HeliumError `InvalidInput` when the notebook or its `metadata.helium` is not an object.
 */
function withPinsList(notebook: unknown, pins: unknown[]): JsonObject {
  if (!isObject(notebook)) {
    throw new HeliumError('InvalidInput', 'The notebook is not a JSON object (.ipynb).', { code: 'InvalidNotebook' });
  }
  const metadata = notebook.metadata === undefined ? {} : notebook.metadata;
  const helium = isObject(metadata) ? (metadata.helium ?? {}) : undefined;
  if (!isObject(metadata) || !isObject(helium)) {
    throw new HeliumError('InvalidInput', "The notebook's metadata (or metadata.helium) is not an object; fix it before pinning.", {
      code: 'InvalidNotebook'
    });
  }
  return { ...notebook, metadata: { ...metadata, helium: { ...helium, pins } } };
}

/**
 * Add a pin, or replace the pin of the same name (in place, keeping fields we do not know).
 * @param notebook - the parsed `.ipynb`.
 * @param pin - the pin (see {@link makePin}).
 * @returns the new notebook value.
 */
export function setPin(notebook: unknown, pin: Pin): JsonObject {
  const list = [...rawPins(notebook).list];
  const at = list.findIndex(raw => isObject(raw) && (raw.name ?? raw.package) === pin.name);
  if (at >= 0) {
    list[at] = { ...(list[at] as JsonObject), ...pinJson(pin) };
  } else {
    list.push(pinJson(pin));
  }
  return withPinsList(notebook, list);
}

/**
 * Replace pins at their positions (as read by {@link readNotebookPins}), keeping every other pin,
 * valid or not, exactly as it was.
 * @param notebook - the parsed `.ipynb`.
 * @param replacements - position → the new pin.
 * @returns the new notebook value.
 */
export function replacePins(notebook: unknown, replacements: ReadonlyMap<number, Pin>): JsonObject {
  const list = rawPins(notebook).list.map((raw, i) => {
    const pin = replacements.get(i);
    return pin ? { ...(raw as JsonObject), ...pinJson(pin) } : raw;
  });
  return withPinsList(notebook, list);
}

/**
 * Remove a pin by name.
 * @param notebook - the parsed `.ipynb`.
 * @param name - the pin's name.
 * @returns the new notebook value (the same content when no pin has that name).
 */
export function removePin(notebook: unknown, name: string): JsonObject {
  const list = rawPins(notebook).list.filter(raw => !(isObject(raw) && (raw.name ?? raw.package) === name));
  return withPinsList(notebook, list);
}
