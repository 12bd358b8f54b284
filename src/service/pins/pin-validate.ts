/**
 * Validating one pin of a notebook (pure): a folder pin (`uri` ending in `/`, with `package` and
 * `top_hash`) or a file pin (`uri` naming a key, with `version_id`), each field, what it follows,
 * and that it holds nothing secret (secrets.ts). A problem names the pin and the field, and says what to write instead.
 */
import { isJsonObject } from '../json-object';
import { isLosslessNumber } from '../snapshots/json-values';
import { validatePackageName } from '../snapshots/names';
import { basename, formatS3Uri, parseS3Uri } from '../uri';
import { findSecret } from './secrets';
import { validateTagName } from './tag-keys';
import type { Pin, PinFollows, PinProblem } from './types';

/**
 * Validate what a pin follows.
 * @param value - the `follows` field (undefined means `latest`).
 * @returns the value, or a problem text.
 */
function parseFollows(value: unknown): PinFollows | string {
  if (value === undefined || value === 'latest') {
    return 'latest';
  }
  if (isJsonObject(value) && typeof value.tag === 'string' && Object.keys(value).length === 1) {
    const problem = validateTagName(value.tag);
    return problem ?? { tag: value.tag };
  }
  return 'must be "latest" or {"tag": "NAME"}';
}

/**
 * A size as a number: a notebook read losslessly (the CLI) holds a LosslessNumber.
 * @param value - the `size` field.
 * @returns the number, or null when it is not one.
 */
function sizeOf(value: unknown): number | null {
  if (typeof value === 'number') {
    return value;
  }
  return isLosslessNumber(value) ? Number(value.toString()) : null;
}

/**
 * Check one field of a pin; each returns the value or a problem text.
 */
const FIELD_CHECKS = {
  uri(value: unknown): { bucket: string; key: string; uri: string } | string {
    if (typeof value !== 'string') {
      return 'must be text: s3://bucket/folder/ or s3://bucket/key';
    }
    let location;
    try {
      location = parseS3Uri(value);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    const canonical = formatS3Uri({ bucket: location.bucket, key: location.key });
    if (canonical !== value) {
      return `must be exactly s3://bucket/folder/ or s3://bucket/key, without a query, fragment or version (here: ${canonical}; a file's version goes in "version_id")`;
    }
    return { bucket: location.bucket, key: location.key, uri: canonical };
  },
  package(value: unknown): string {
    return typeof value === 'string' ? (validatePackageName(value) ?? '') : 'must be text: namespace/name';
  },
  top_hash(value: unknown): string {
    return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? '' : 'must be a top hash: 64 lowercase hex characters';
  },
  version_id(value: unknown): string {
    // S3 version ids are opaque printable text (AWS: up to 1,024 bytes); "null" names an object
    // written before versioning, which a later write replaces for good: nothing to pin.
    if (typeof value !== 'string' || !/^[A-Za-z0-9._+/=-]{1,1024}$/.test(value)) {
      return 'must be the S3 version id of the pinned version (text)';
    }
    return value === 'null'
      ? 'is "null": that version was written before versioning and is overwritten in place; turn versioning on and pin again'
      : '';
  },
  etag(value: unknown): string {
    return value === undefined || value === null || (typeof value === 'string' && /^[0-9A-Za-z-]{1,80}$/.test(value))
      ? ''
      : 'must be the ETag without quotes (or left out)';
  },
  size(value: unknown): string {
    const size = sizeOf(value);
    return value === undefined || value === null || (size !== null && Number.isSafeInteger(size) && size >= 0)
      ? ''
      : 'must be the size in bytes (or left out)';
  },
  pinned_at(value: unknown): string {
    if (value === undefined || value === null) {
      return '';
    }
    return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))
      ? ''
      : 'must be an ISO 8601 time, e.g. 2026-12-06T20:00:00.000Z';
  }
};

/**
 * Validate one raw pin.
 * @param raw - the list item.
 * @param index - its position.
 * @returns the pin, or the problem.
 */
export function validatePin(raw: unknown, index: number): Pin | PinProblem {
  const label = (name?: string) => (name ? `Pin "${name}"` : `Pin #${index + 1}`);
  if (!isJsonObject(raw)) {
    return {
      index,
      message: `${label()} in metadata.helium.pins is not an object; remove it or write {"uri": …, "package": …, "top_hash": …}.`
    };
  }
  const givenName = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name : undefined;
  const name = givenName ?? (typeof raw.package === 'string' ? raw.package : undefined);
  const fail = (field: string | undefined, text: string): PinProblem => ({
    index,
    ...(name !== undefined ? { name } : {}),
    ...(field !== undefined ? { field } : {}),
    message: `${label(name)}: ${field ? `field "${field}" ` : ''}${text}`
  });
  // A version id is opaque base64-like text that could pass for a secret key; its own check
  // (FIELD_CHECKS.version_id) admits no URL, query or space.
  const { version_id: _versionId, ...checked } = raw;
  const secret = findSecret(checked);
  if (secret) {
    return fail(
      secret.field || undefined,
      `looks like ${secret.what}. A notebook must never hold credentials, endpoints or signed URLs: remove it from the notebook's metadata (a pin needs only name, uri, package and top_hash, or version_id for a file, pinned_at and follows).`
    );
  }
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '' || /[\u0000-\u001f\u007f]/.test(raw.name))) {
    return fail('name', 'must be non-empty text without control characters (or be left out: it defaults to the package name).');
  }
  const uri = FIELD_CHECKS.uri(raw.uri);
  if (typeof uri === 'string') {
    return fail('uri', `${uri.replace(/\.$/, '')}.`);
  }
  const isFolder = uri.key === '' || uri.key.endsWith('/');
  if (!isFolder && (raw.package !== undefined || raw.top_hash !== undefined)) {
    return fail(
      'uri',
      'names a file (no "/" at the end) but the pin has a "package"/"top_hash": a snapshot pin must name a folder, s3://bucket/folder/ (a file pin has "version_id" instead).'
    );
  }
  const fields = isFolder ? (['package', 'top_hash', 'pinned_at'] as const) : (['version_id', 'etag', 'size', 'pinned_at'] as const);
  for (const field of fields) {
    const problem = FIELD_CHECKS[field](raw[field]);
    if (problem) {
      return fail(field, `${problem.replace(/\.$/, '')}.`);
    }
  }
  const follows = parseFollows(raw.follows);
  if (typeof follows === 'string' && follows !== 'latest') {
    return fail('follows', `${follows.replace(/\.$/, '')}.`);
  }
  const pinnedAt = typeof raw.pinned_at === 'string' ? raw.pinned_at : null;
  if (isFolder) {
    return {
      kind: 'folder',
      name: name as string,
      uri: uri.uri,
      bucket: uri.bucket,
      folder: uri.key,
      package: raw.package as string,
      top_hash: raw.top_hash as string,
      pinned_at: pinnedAt,
      follows: follows as PinFollows
    };
  }
  if (follows !== 'latest') {
    return fail('follows', 'of a file pin must be "latest" (its current version); tags name snapshots of folders.');
  }
  return {
    kind: 'file',
    name: name ?? basename(uri.key),
    uri: uri.uri,
    bucket: uri.bucket,
    key: uri.key,
    version_id: raw.version_id as string,
    etag: typeof raw.etag === 'string' ? raw.etag : null,
    size: sizeOf(raw.size),
    pinned_at: pinnedAt,
    follows: 'latest'
  };
}
