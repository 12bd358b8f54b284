/**
 * Validating one pin of a notebook (pure): each field, what it follows, and that it holds nothing
 * secret (secrets.ts). A problem names the pin and the field, and says what to write instead.
 */
import { validatePackageName } from '../snapshots/names';
import { formatS3Uri, parseS3Uri } from '../uri';
import { findSecret } from './secrets';
import { validateTagName } from './tag-keys';
import type { Pin, PinFollows, PinProblem } from './types';

type JsonObject = Record<string, unknown>;

/**
 * Whether a value is a JSON object (not an array or null).
 * @param value - anything.
 * @returns true for `{…}`.
 */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validate what a pin follows.
 * @param value - the `follows` field (undefined means `latest`).
 * @returns the value, or a problem text.
 */
function parseFollows(value: unknown): PinFollows | string {
  if (value === undefined || value === 'latest') {
    return 'latest';
  }
  if (isObject(value) && typeof value.tag === 'string' && Object.keys(value).length === 1) {
    const problem = validateTagName(value.tag);
    return problem ?? { tag: value.tag };
  }
  return 'must be "latest" or {"tag": "NAME"}';
}

/**
 * Check one field of a pin; each returns the value or a problem text.
 */
const FIELD_CHECKS = {
  uri(value: unknown): { bucket: string; folder: string; uri: string } | string {
    if (typeof value !== 'string') {
      return 'must be text: s3://bucket/folder/';
    }
    let location;
    try {
      location = parseS3Uri(value);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    if (location.key !== '' && !location.key.endsWith('/')) {
      return 'must name a folder, ending in "/" (s3://bucket/folder/)';
    }
    const canonical = formatS3Uri({ bucket: location.bucket, key: location.key });
    if (canonical !== value) {
      return `must be exactly s3://bucket/folder/, without a query, fragment or version (here: ${canonical})`;
    }
    return { bucket: location.bucket, folder: location.key, uri: canonical };
  },
  package(value: unknown): string {
    return typeof value === 'string' ? (validatePackageName(value) ?? '') : 'must be text: namespace/name';
  },
  top_hash(value: unknown): string {
    return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? '' : 'must be a top hash: 64 lowercase hex characters';
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
  if (!isObject(raw)) {
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
  const secret = findSecret(raw);
  if (secret) {
    return fail(
      secret.field || undefined,
      `looks like ${secret.what}. A notebook must never hold credentials, endpoints or signed URLs: remove it from the notebook's metadata (a pin needs only uri, package, top_hash, pinned_at, follows).`
    );
  }
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '' || /[\u0000-\u001f\u007f]/.test(raw.name))) {
    return fail('name', 'must be non-empty text without control characters (or be left out: it defaults to the package name).');
  }
  const uri = FIELD_CHECKS.uri(raw.uri);
  if (typeof uri === 'string') {
    return fail('uri', `${uri}.`);
  }
  for (const field of ['package', 'top_hash', 'pinned_at'] as const) {
    const problem = FIELD_CHECKS[field](raw[field]);
    if (problem) {
      return fail(field, `${problem.replace(/\.$/, '')}.`);
    }
  }
  const follows = parseFollows(raw.follows);
  if (typeof follows === 'string' && follows !== 'latest') {
    return fail('follows', `${follows.replace(/\.$/, '')}.`);
  }
  return {
    name: name as string,
    uri: uri.uri,
    bucket: uri.bucket,
    folder: uri.folder,
    package: raw.package as string,
    top_hash: raw.top_hash as string,
    pinned_at: typeof raw.pinned_at === 'string' ? raw.pinned_at : null,
    follows: follows as PinFollows
  };
}
