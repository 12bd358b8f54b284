/**
 * Pins in a notebook's metadata (`metadata.helium.pins`, a list), on a parsed `.ipynb` JSON value:
 * read and validate them, make one, and write them back. Pure: no S3, no files.
 *
 * A folder pin: `{"name", "uri": "s3://bucket/folder/", "package": "ns/name", "top_hash": <64 hex>,
 * "pinned_at": <ISO time>, "follows": "latest" | {"tag": NAME}}`; a file pin: `{"name", "uri":
 * "s3://bucket/key", "version_id", "etag", "size", "pinned_at", "follows": "latest"}`. A malformed pin (written by
 * hand) is reported with its name and field and skipped; the others are read all the same. Fields
 * we do not know are kept as they are. Writing returns a new notebook value that shares every
 * other part (cells, other metadata) with the one given, so they serialize exactly as before.
 */
import { HeliumError } from '../error-class';
import { isJsonObject } from '../json-object';
import { basename, formatS3Uri } from '../uri';
import { validatePin } from './pin-validate';
import type { FilePin, FolderPin, NotebookPins, Pin, PinFollows } from './types';

export { validatePin } from './pin-validate';

type JsonObject = Record<string, unknown>;

/**
 * The raw pins list of a notebook.
 * @param notebook - the parsed `.ipynb`.
 * @returns the list (empty when there is none), or a problem when `metadata.helium.pins` is not a list.
 */
function rawPins(notebook: unknown): { list: unknown[]; problem?: string } {
  const metadata = isJsonObject(notebook) ? notebook.metadata : undefined;
  const helium = isJsonObject(metadata) ? metadata.helium : undefined;
  if (helium === undefined) {
    return { list: [] };
  }
  if (!isJsonObject(helium)) {
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

/** What {@link makeFilePin} needs: one object version. */
export interface MakeFilePinOptions {
  bucket: string;
  key: string;
  versionId: string;
  /** The version's ETag (quotes are dropped) and size, so a later identical version reads as in sync. */
  etag?: string;
  size?: number;
  /** Default: the file's name. */
  name?: string;
  /** Default: now. */
  pinnedAt?: Date;
}

/**
 * Validate a pin made here as one read from a notebook would be.
 * @param json - the pin's JSON.
 * @returns the pin.
 * @throws HeliumError `InvalidInput` (code `InvalidPin`) naming the field.
 */
function validated<T extends Pin>(json: JsonObject): T {
  const pin = validatePin(json, 0);
  if ('message' in pin) {
    throw new HeliumError('InvalidInput', pin.message.replace(/^Pin #1/, 'The pin'), { code: 'InvalidPin' });
  }
  return pin as T;
}

/**
 * Make a folder pin (a snapshot), validated as one read from a notebook would be.
 * @param options - where, which package and snapshot, what it follows.
 * @returns the pin.
 * @throws HeliumError `InvalidInput` (code `InvalidPin`) naming the field.
 */
export function makePin(options: MakePinOptions): FolderPin {
  const folder = options.folder && !options.folder.endsWith('/') ? `${options.folder}/` : options.folder;
  return validated<FolderPin>(
    pinJson({
      kind: 'folder',
      name: options.name ?? options.package,
      uri: formatS3Uri({ bucket: options.bucket, key: folder }),
      package: options.package,
      top_hash: options.topHash.toLowerCase(),
      pinned_at: (options.pinnedAt ?? new Date()).toISOString(),
      follows: options.follows ?? 'latest'
    })
  );
}

/**
 * Make a file pin (one object version), validated as one read from a notebook would be.
 * @param options - the object version.
 * @returns the pin.
 * @throws HeliumError `InvalidInput` (code `InvalidPin`): a folder key, or no real version id
 *   (`null`: the bucket was not versioned when the object was written).
 */
export function makeFilePin(options: MakeFilePinOptions): FilePin {
  if (options.key === '' || options.key.endsWith('/')) {
    throw new HeliumError('InvalidInput', `s3://${options.bucket}/${options.key} is a folder: pin one of its snapshots instead.`, {
      code: 'InvalidPin'
    });
  }
  return validated<FilePin>(
    pinJson({
      kind: 'file',
      name: options.name ?? basename(options.key),
      uri: formatS3Uri({ bucket: options.bucket, key: options.key }),
      version_id: options.versionId,
      etag: plainEtag(options.etag),
      size: options.size ?? null,
      pinned_at: (options.pinnedAt ?? new Date()).toISOString(),
      follows: 'latest'
    })
  );
}

/**
 * An ETag as a file pin keeps it: without quotes; left out (null) when it is not the plain
 * `hex` or `hex-N` S3 gives (a weak or empty ETag says nothing about the bytes).
 * @param etag - the ETag, as S3 gave it.
 * @returns the ETag, or null.
 */
function plainEtag(etag: string | undefined): string | null {
  const plain = (etag ?? '').replace(/"/g, '');
  return /^[0-9A-Za-z-]{1,80}$/.test(plain) ? plain : null;
}

/** A pin's own fields (what {@link pinJson} writes); the rest of a stored pin is kept as it is. */
const PIN_FIELDS = ['name', 'uri', 'package', 'top_hash', 'version_id', 'etag', 'size', 'pinned_at', 'follows'];

/** A pin's fields as {@link pinJson} takes them (no parsed location). */
export type PinFields = Omit<FolderPin, 'bucket' | 'folder'> | Omit<FilePin, 'bucket' | 'key'>;

/**
 * A pin as written in the notebook (fields in a fixed order).
 * @param pin - the pin.
 * @returns its JSON object.
 */
export function pinJson(pin: PinFields): JsonObject {
  const follows = pin.follows === 'latest' ? 'latest' : { tag: pin.follows.tag };
  if (pin.kind === 'file') {
    const known = { ...(pin.etag !== null ? { etag: pin.etag } : {}), ...(pin.size !== null ? { size: pin.size } : {}) };
    return { name: pin.name, uri: pin.uri, version_id: pin.version_id, ...known, pinned_at: pin.pinned_at, follows };
  }
  return { name: pin.name, uri: pin.uri, package: pin.package, top_hash: pin.top_hash, pinned_at: pin.pinned_at, follows };
}

/**
 * A stored pin with the new pin's fields: fields we do not know are kept; the pin's own are
 * replaced as a whole (a folder pin replaced by a file pin keeps no `top_hash`).
 * @param raw - the pin as stored.
 * @param pin - the new pin.
 * @returns the merged JSON.
 */
function mergedPin(raw: unknown, pin: Pin): JsonObject {
  const unknown = Object.fromEntries(Object.entries(isJsonObject(raw) ? raw : {}).filter(([k]) => !PIN_FIELDS.includes(k)));
  return { ...unknown, ...pinJson(pin) };
}

/**
 * The name of a stored pin (as {@link validatePin} defaults it).
 * @param raw - the pin as stored.
 * @returns its name, if it has one.
 */
function rawName(raw: unknown): string | undefined {
  if (!isJsonObject(raw)) {
    return undefined;
  }
  const pin = validatePin(raw, 0);
  return 'message' in pin ? (typeof raw.name === 'string' ? raw.name : undefined) : pin.name;
}

/**
 * The pins list a write starts from: refuses when `metadata.helium.pins` is there but is not a
 * list (a hand edit gone wrong), since writing a new list would drop what the person wrote there.
 * @param notebook - the parsed `.ipynb`.
 * @returns the raw pins list (empty when there is none).
 * @throws HeliumError `InvalidInput` (code `InvalidNotebook`) saying what to fix.
 */
export function writablePins(notebook: unknown): unknown[] {
  const { list, problem } = rawPins(notebook);
  if (problem) {
    // The hint is also part of the message (as HeliumError's convention has it): the panel shows only the message.
    const hint = 'Fix or remove it in the notebook metadata (Property Inspector › Advanced Tools, or a text editor), then pin again.';
    throw new HeliumError('InvalidInput', `${problem.replace(/; fix or remove it.*$/, '')}. Nothing was written. ${hint}`, {
      code: 'InvalidNotebook',
      hint
    });
  }
  return list;
}

/**
 * A copy of the notebook whose pins list is `pins`, sharing every other part with the original.
 * @param notebook - the parsed `.ipynb` (an object).
 * @param pins - the new list (raw items: JSON objects).
 * @returns the new notebook value.
 * @throws HeliumError `InvalidInput` when the notebook or its `metadata.helium` is not an object.
 */
function withPinsList(notebook: unknown, pins: unknown[]): JsonObject {
  if (!isJsonObject(notebook)) {
    throw new HeliumError('InvalidInput', 'The notebook is not a JSON object (.ipynb).', { code: 'InvalidNotebook' });
  }
  const metadata = notebook.metadata === undefined ? {} : notebook.metadata;
  const helium = isJsonObject(metadata) ? (metadata.helium ?? {}) : undefined;
  if (!isJsonObject(metadata) || !isJsonObject(helium)) {
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
  const list = [...writablePins(notebook)];
  const at = list.findIndex(raw => rawName(raw) === pin.name);
  if (at >= 0) {
    list[at] = mergedPin(list[at], pin);
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
  const list = writablePins(notebook).map((raw, i) => {
    const pin = replacements.get(i);
    return pin ? mergedPin(raw, pin) : raw;
  });
  return withPinsList(notebook, list);
}

/**
 * A pin whose default name would replace a pin of other data (`sales.csv` of `2024/` and of
 * `2025/`) gets a name of its own: its parent folder and name (`2025/sales.csv`), else a number
 * (`sales.csv (2)`). A pin of the same data keeps the name, so pinning again re-locks it.
 * @param notebook - the parsed `.ipynb`.
 * @param pin - the pin, named by default.
 * @returns the pin, renamed when its name is taken by another location.
 */
export function withFreeName<T extends Pin>(notebook: unknown, pin: T): T {
  const pins = readNotebookPins(notebook).pins;
  const takenBy = (name: string) => pins.find(p => p.name === name);
  const owner = takenBy(pin.name);
  if (!owner || owner.uri === pin.uri) {
    return pin;
  }
  const path = pin.kind === 'file' ? pin.key : pin.folder.replace(/\/$/, '');
  const segments = path.split('/');
  const candidates = segments.length > 1 ? [segments.slice(-2).join('/')] : [];
  for (let n = 2; candidates.length < 100; n++) {
    candidates.push(`${pin.name} (${n})`);
  }
  const name = candidates.find(c => !takenBy(c) || takenBy(c)?.uri === pin.uri) ?? `${pin.name} (${Date.now()})`;
  return { ...pin, name };
}

/**
 * Remove a pin by name.
 * @param notebook - the parsed `.ipynb`.
 * @param name - the pin's name.
 * @returns the new notebook value (the same content when no pin has that name).
 */
export function removePin(notebook: unknown, name: string): JsonObject {
  const list = writablePins(notebook).filter(raw => rawName(raw) !== name);
  return withPinsList(notebook, list);
}
