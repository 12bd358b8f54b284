/**
 * Quilt's OpenSearch document layout, as helium writes and reads it, so helium can search a Quilt
 * stack's indexes as they are and Quilt's catalog can search what helium indexes.
 *
 * Objects, index `<bucket>` (Quilt's es/indexer): `_id` `<key>:<version_id>`; fields written:
 * `key`, `ext` (lower case with its dot), `size`, `last_modified`, `version_id`, `etag`,
 * `delete_marker`, `user_meta` and `target` (T4's metadata from `x-amz-meta-helium`), `comment`,
 * `content` (the first ≤ 100 KB of a text-like object when the sync reads contents, else absent:
 * `_exists_:content` then means what it does in the embedded index), `event`, `updated`. Helium adds
 * `content_type`, `other_meta` (other `x-amz-meta-*`) and `folders` (every folder prefix of the key,
 * for the folder facet). Departure: Quilt keeps a document per
 * version event; helium keeps one per key (its current version or delete marker) and removes the
 * key's other documents when it writes a new one.
 *
 * Packages, index `<bucket>_packages` (Quilt's manifest indexer): Quilt writes a manifest document
 * (`mnfst_hash`, `mnfst_last_modified`, `mnfst_message`, `mnfst_metadata` as JSON text,
 * `mnfst_metadata_fields` typed `{json_pointer, type, keyword|text|double|date|boolean}`,
 * `mnfst_stats`), pointer children (`ptr_name`, `ptr_tag`, `ptr_last_modified`) and entry children
 * (`entry_lk`, `entry_size`, `entry_hash`, …) joined by `join_field`. Departure: helium writes one
 * flat document per (name, top hash), `_id` `<name>:<top hash>`, carrying the mnfst_* fields, the
 * ptr_name/ptr_last_modified of its name and `entry_lk` as the list of logical keys, plus
 * `user_meta` (the package metadata as an object, since `query_string` cannot reach nested
 * `mnfst_metadata_fields`) and `folder`. Read back: `ptr_name` (else Quilt's `handle`, else the
 * hash) is the name, `mnfst_message` (else `comment`) the message.
 */
import type { ObjectDoc, SnapshotDoc } from './schema';
import type { IndexedObjectState, SearchHit } from './types';

/** The index names of one bucket. */
export interface IndexNames {
  objects: string;
  packages: string;
  /** Helium's own bookkeeping (when the last sync finished). */
  status: string;
}

/**
 * The index names of a bucket (Quilt: `<bucket>` and `<bucket>_packages`).
 * @param bucket - the bucket.
 * @param prefix - an optional prefix for all of them (a shared cluster).
 * @returns the names.
 */
export function indexNames(bucket: string, prefix = ''): IndexNames {
  const base = `${prefix}${bucket}`;
  return { objects: base, packages: `${base}_packages`, status: `${base}_helium` };
}

/** A text field also searchable word by word (letters: `simple`; numbers and words: `standard`). */
const WORDS = { type: 'keyword', fields: { words: { type: 'text', analyzer: 'simple' }, text: { type: 'text' } } };

/** The objects index's mapping, when helium creates it. */
export const OBJECTS_MAPPING = {
  mappings: {
    properties: {
      key: WORDS,
      ext: { type: 'keyword' },
      size: { type: 'long' },
      last_modified: { type: 'date' },
      version_id: { type: 'keyword' },
      etag: { type: 'keyword' },
      content_type: { type: 'keyword' },
      delete_marker: { type: 'boolean' },
      target: { type: 'keyword', fields: { text: { type: 'text' } } },
      user_meta: { type: 'object' },
      other_meta: { type: 'object' },
      folders: { type: 'keyword' },
      comment: { type: 'text' },
      content: { type: 'text' },
      event: { type: 'keyword' },
      updated: { type: 'date' }
    }
  }
};

/** The packages index's mapping, when helium creates it. */
export const PACKAGES_MAPPING = {
  mappings: {
    properties: {
      ptr_name: WORDS,
      ptr_last_modified: { type: 'date' },
      mnfst_hash: { type: 'keyword' },
      mnfst_last_modified: { type: 'date' },
      mnfst_message: { type: 'text' },
      mnfst_metadata: { type: 'text', index: false },
      mnfst_metadata_fields: {
        type: 'nested',
        properties: {
          json_pointer: { type: 'keyword' },
          type: { type: 'keyword' },
          text: { type: 'text' },
          keyword: { type: 'keyword' },
          double: { type: 'double' },
          date: { type: 'date' },
          boolean: { type: 'boolean' }
        }
      },
      entry_lk: { type: 'keyword', fields: { text: { type: 'text' } } },
      user_meta: { type: 'object' },
      folder: { type: 'keyword' }
    }
  }
};

/** OpenSearch refuses an `_id` longer than this many bytes. */
const MAX_ID_BYTES = 512;

/** A short, stable stand-in for a text too long to be an `_id` (FNV-1a, 2 × 32 bits, in hex). */
function longIdHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193 + 2) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The document `_id` of an object version: Quilt's `<key>:<version_id>`; a key too long for an
 * `_id` (S3 keys reach 1,024 bytes) is shortened to its start and a hash of the whole.
 */
export function objectDocId(key: string, versionId: string): string {
  const id = `${key}:${versionId}`;
  return new TextEncoder().encode(id).length <= MAX_ID_BYTES ? id : `${key.slice(0, 100)}…${longIdHash(key)}:${versionId}`;
}

/** The document `_id` of a snapshot. */
export function snapshotDocId(name: string, topHash: string): string {
  return `${name}:${topHash}`;
}

/**
 * Every folder a key is in (`a/b/c.csv`: `a/`, `a/b/`): helium's `folders` field, which the folder
 * facet counts (objects written before it, or by Quilt, lack it and count in no folder).
 * @param key - the object's key.
 * @returns the folder prefixes, shortest first.
 */
export function keyFolders(key: string): string[] {
  const out: string[] = [];
  for (let at = key.indexOf('/'); at >= 0; at = key.indexOf('/', at + 1)) out.push(key.slice(0, at + 1));
  return out;
}

/**
 * An object's document source.
 * @param doc - the indexed state of the object.
 * @param now - when it is written (Quilt's `updated`).
 * @returns the source.
 */
export function objectSource(doc: ObjectDoc, now: Date): Record<string, unknown> {
  return {
    key: doc.key,
    ext: doc.ext,
    size: doc.size,
    last_modified: new Date(doc.lastModified).toISOString(),
    version_id: doc.versionId,
    etag: doc.etag,
    content_type: doc.contentType,
    delete_marker: doc.deleteMarker,
    user_meta: doc.userMeta ?? null,
    target: doc.target,
    other_meta: doc.otherMeta,
    folders: keyFolders(doc.key),
    comment: '',
    ...(doc.content ? { content: doc.content } : {}),
    event: doc.deleteMarker ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectCreated:Put',
    updated: now.toISOString()
  };
}

/** Quilt's typed metadata fields of a JSON object (leaves; lists of strings), by JSON pointer. */
export function metadataFields(meta: unknown, path: string[] = []): Record<string, unknown>[] {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return [];
  const out: Record<string, unknown>[] = [];
  for (const [name, value] of Object.entries(meta as Record<string, unknown>)) {
    const here = [...path, name];
    const pointer = '/' + here.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out.push(...metadataFields(value, here));
      continue;
    }
    let type: string;
    if (typeof value === 'boolean') type = 'boolean';
    else if (typeof value === 'number') type = 'double';
    else if (typeof value === 'string')
      type =
        /^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?Z?$/.test(value) && !Number.isNaN(Date.parse(value))
          ? 'date'
          : value.length <= 256
            ? 'keyword'
            : 'text';
    else if (Array.isArray(value) && value.length > 0 && value.every(v => typeof v === 'string'))
      type = value.every(v => v.length <= 256) ? 'keyword' : 'text';
    else continue;
    out.push({ json_pointer: pointer, type, text: JSON.stringify(value), [type]: type === 'text' ? JSON.stringify(value) : value });
  }
  return out;
}

/**
 * A snapshot's document source (see the module comment for the Quilt fields).
 * @param doc - the snapshot.
 * @returns the source.
 */
export function snapshotSource(doc: SnapshotDoc): Record<string, unknown> {
  const time = new Date(doc.time).toISOString();
  return {
    ptr_name: doc.name,
    ptr_last_modified: time,
    mnfst_hash: doc.topHash,
    mnfst_last_modified: time,
    mnfst_message: doc.message, // null, not '': `_exists_:message` is false, as in the embedded index
    mnfst_metadata: doc.packageMeta === null || doc.packageMeta === undefined ? null : JSON.stringify(doc.packageMeta),
    mnfst_metadata_fields: metadataFields(doc.packageMeta),
    mnfst_stats: { total_files: doc.logicalKeys.length },
    entry_lk: doc.logicalKeys,
    user_meta: doc.packageMeta ?? null,
    folder: doc.folder
  };
}

type Source = Record<string, unknown>;

/** A string field, or null. */
function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** JSON text parsed, or the value itself. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A hit of the objects index as a T4-shaped {@link SearchHit}.
 * @param source - the document's `_source`.
 * @returns the hit.
 */
export function objectHit(source: Source): SearchHit {
  return {
    type: 'object',
    key: String(source.key),
    version_id: str(source.version_id),
    meta: source.user_meta ?? null,
    size: Number(source.size ?? 0),
    time: new Date(String(source.last_modified)).toISOString(),
    ext: String(source.ext ?? ''),
    etag: str(source.etag),
    content_type: str(source.content_type),
    delete_marker: source.delete_marker === true,
    target: str(source.target),
    other_meta: (source.other_meta as Record<string, string> | undefined) ?? null
  };
}

/**
 * A hit of the packages index as a snapshot {@link SearchHit} (helium's flat documents, or
 * Quilt's manifest or pointer documents as far as they carry the fields).
 * @param source - the document's `_source`.
 * @returns the hit.
 */
export function snapshotHit(source: Source): SearchHit {
  const hash = str(source.mnfst_hash) ?? str(source.hash) ?? '';
  const time = str(source.mnfst_last_modified) ?? str(source.ptr_last_modified) ?? str(source.last_modified);
  return {
    type: 'snapshot',
    key: str(source.ptr_name) ?? str(source.handle) ?? hash,
    version_id: null,
    meta: source.user_meta ?? parsed(source.mnfst_metadata ?? source.metadata),
    size: null,
    time: new Date(time ?? 0).toISOString(),
    top_hash: hash,
    message: str(source.mnfst_message) ?? str(source.comment),
    folder: str(source.folder)
  };
}

/**
 * The indexed state of an object document (for incremental sync).
 * @param source - `_source` with key, version_id, etag, last_modified, delete_marker.
 * @returns the state.
 */
export function objectState(source: Source): IndexedObjectState {
  return {
    versionId: String(source.version_id ?? 'null'),
    etag: str(source.etag),
    lastModified: Date.parse(String(source.last_modified)),
    deleteMarker: source.delete_marker === true
  };
}
