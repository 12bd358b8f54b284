/**
 * Lineage: what a snapshot taken from a notebook records in its package metadata, so a result
 * folder says which inputs it came from: `user_meta.helium.lineage = {"notebook": {"path",
 * "sha256"}, "pins": [{"name", "uri", "package", "top_hash"} or {"name", "uri", "version_id"}]}`, merged with the user's own
 * metadata (their keys, and any other `helium` keys, are kept). quilt3 reads it as
 * `Package.browse(...).meta["helium"]["lineage"]`. Pure: the caller passes the notebook's bytes.
 */
import { HeliumError } from '../error-class';
import { sha256Sync } from '../sha256';
import { isJsonObject } from '../snapshots/json-values';
import { readNotebookPins } from './notebook-pins';
import type { Pin } from './types';

/** A pin as lineage records it: a folder's package and top hash, or a file's version id. */
export interface LineagePin {
  name: string;
  uri: string;
  package?: string;
  top_hash?: string;
  version_id?: string;
}

/** The lineage of a snapshot. */
export interface Lineage {
  notebook: { path: string; sha256: string };
  pins: LineagePin[];
}

/** Options of {@link lineageMeta}. */
export interface LineageOptions {
  /** The notebook's path as the user knows it (workspace-relative in JupyterLab). */
  notebookPath: string;
  /** The notebook file's bytes, exactly as saved (hashed as they are). */
  notebookBytes: Uint8Array;
  /** The pins it held (default: read from the bytes). */
  pins?: readonly Pin[];
  /** The user's package metadata to merge with (a JSON object, or undefined). */
  userMeta?: unknown;
}

/**
 * Hex of bytes.
 * @param bytes - the bytes.
 * @returns lowercase hex.
 */
function hex(bytes: Uint8Array): string {
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The lineage of a snapshot taken from a notebook.
 * @param options - path, bytes and pins.
 * @returns the lineage record.
 */
export function buildLineage(options: Omit<LineageOptions, 'userMeta'>): Lineage {
  let pins = options.pins;
  if (!pins) {
    let notebook: unknown;
    try {
      notebook = JSON.parse(new TextDecoder().decode(options.notebookBytes));
    } catch {
      notebook = undefined;
    }
    pins = readNotebookPins(notebook).pins;
  }
  return {
    notebook: { path: options.notebookPath, sha256: hex(sha256Sync(options.notebookBytes)) },
    pins: pins.map(p =>
      p.kind === 'file'
        ? { name: p.name, uri: p.uri, version_id: p.version_id }
        : { name: p.name, uri: p.uri, package: p.package, top_hash: p.top_hash }
    )
  };
}

/**
 * The package metadata (`user_meta`) of a snapshot taken from a notebook: the user's metadata
 * with `helium.lineage` added.
 * @param options - path, bytes, pins and the user's metadata.
 * @returns the merged metadata.
 * @throws HeliumError `InvalidInput` (code `InvalidMeta`) when the user's metadata is not an
 *   object, or its `helium` key is not one.
 */
export function lineageMeta(options: LineageOptions): Record<string, unknown> {
  const user = options.userMeta ?? {};
  if (!isJsonObject(user)) {
    throw new HeliumError('InvalidInput', 'Package metadata must be a JSON object to record lineage in it.', { code: 'InvalidMeta' });
  }
  const own = user.helium ?? {};
  if (!isJsonObject(own)) {
    throw new HeliumError('InvalidInput', 'The metadata key "helium" is reserved for lineage: it must be an object (or left out).', {
      code: 'InvalidMeta'
    });
  }
  return { ...user, helium: { ...own, lineage: buildLineage(options) } };
}

/**
 * Read the lineage of a snapshot from its package metadata (`header.user_meta`).
 * @param userMeta - the package metadata.
 * @returns the lineage, or undefined when it records none (or not in this shape).
 */
export function readLineage(userMeta: unknown): Lineage | undefined {
  const helium = (userMeta as { helium?: unknown } | null | undefined)?.helium as { lineage?: unknown } | undefined;
  const lineage = helium && typeof helium === 'object' ? (helium.lineage as Lineage | undefined) : undefined;
  if (
    !lineage ||
    typeof lineage !== 'object' ||
    typeof lineage.notebook?.path !== 'string' ||
    typeof lineage.notebook?.sha256 !== 'string' ||
    !Array.isArray(lineage.pins)
  ) {
    return undefined;
  }
  const pins = lineage.pins.filter(
    (p): p is LineagePin =>
      !!p &&
      typeof p.uri === 'string' &&
      ((typeof p.package === 'string' && typeof p.top_hash === 'string') || typeof p.version_id === 'string')
  );
  return { notebook: { path: lineage.notebook.path, sha256: lineage.notebook.sha256 }, pins };
}
