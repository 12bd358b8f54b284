/**
 * Quilt's top hash of a package, byte for byte as quilt3 computes it
 * (`Package._calculate_top_hash` over `Package._get_top_hash_parts`):
 *
 *   sha256( canonical(header) ‖ canonical({hash, logical_key, meta, size}) for each entry in walk order )
 *
 * where `canonical` is `json.dumps(part, sort_keys=True, separators=(',', ':'))` (see
 * `python-json.ts`), the header is the manifest's first line as loaded (quilt3 drops an obsolete
 * `top_hash` key), an entry's `meta` is `meta or {}` (Python truthiness: `null`, `[]`, `0`, `""`
 * all hash as `{}`), and walk order is quilt3's `Package.walk()`: the tree of logical keys, the
 * children of each folder sorted by name (code point), so `a/b` comes before `a.txt` and `a!`.
 * Physical keys and directory-metadata lines are not hashed.
 */
import { toHex } from '../checksum';
import { HeliumError } from '../error-class';
import { Sha256 } from '../sha256';
import { canonicalJson, compareCodePoints, isJsonObject, pythonTruthy } from './python-json';
import type { JsonValue, ManifestEntry, ManifestHeader } from './types';

/** A 64-hex top hash. */
export const TOP_HASH = /^[0-9a-f]{64}$/;

/**
 * Compare logical keys in quilt3's walk order: segment by segment (split on `/`), each segment by
 * code point; a key that is a prefix of the other (`a` vs `a/b`, which quilt3 cannot hold at once)
 * comes first.
 * @param a - a logical key.
 * @param b - another.
 * @returns negative, 0 or positive.
 */
export function compareLogicalKeys(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const sa = a.split('/');
  const sb = b.split('/');
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const c = compareCodePoints(sa[i], sb[i]);
    if (c !== 0) {
      return c;
    }
  }
  return sa.length - sb.length;
}

/**
 * Whether key `b` lies inside `a` taken as a folder (`a` holds `a/b`).
 * @param a - a logical key.
 * @param b - a later key in walk order.
 * @returns true when `b` is inside `a` taken as a folder.
 */
function holds(a: string, b: string): boolean {
  return b.startsWith(`${a}/`);
}

/**
 * The entries in quilt3's walk order, refusing what quilt3 cannot load: the same logical key
 * twice, or a key that is both a file and a folder (`a` and `a/b`).
 * @param entries - the entries, in any order.
 * @returns a new array in walk order.
 * @throws HeliumError `InvalidInput` (code `InvalidLogicalKeys`) naming the keys.
 */
export function sortInTreeOrder<T extends { logical_key: string }>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((x, y) => compareLogicalKeys(x.logical_key, y.logical_key));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1].logical_key;
    const key = sorted[i].logical_key;
    if (prev === key) {
      throw new HeliumError('InvalidInput', `The logical key "${key}" appears twice; a package holds each key once.`, {
        code: 'InvalidLogicalKeys'
      });
    }
    if (holds(prev, key)) {
      throw new HeliumError(
        'InvalidInput',
        `"${prev}" is both a file and a folder (it holds "${key}"); a Quilt package cannot hold both. Rename one of them.`,
        { code: 'InvalidLogicalKeys' }
      );
    }
  }
  return sorted;
}

/**
 * The entry metadata quilt3 hashes: `meta or {}`.
 * @param meta - an entry's `meta`.
 * @returns the metadata, or `{}` when Python would find it false.
 */
export function effectiveEntryMeta(meta: JsonValue): JsonValue {
  return pythonTruthy(meta) ? meta : {};
}

/**
 * The header as quilt3 hashes it: the first manifest line without `top_hash` (quilt3 drops it
 * on load) and without members that are `undefined` here.
 * @param header - the header.
 * @returns the object to hash.
 */
function hashedHeader(header: ManifestHeader): Record<string, JsonValue> {
  if (!isJsonObject(header)) {
    throw new HeliumError('InvalidInput', 'A manifest header must be a JSON object.', { code: 'InvalidManifest' });
  }
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(header)) {
    if (key !== 'top_hash' && header[key] !== undefined) {
      Object.defineProperty(out, key, { value: header[key], enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

/**
 * The canonical JSON texts quilt3 feeds to SHA-256, in order (header first).
 * @param header - the manifest header.
 * @param entries - the entries, in any order.
 * @returns one text per part.
 * @throws HeliumError `InvalidInput` for duplicate or file-and-folder logical keys, or values
 *   JSON cannot hold.
 */
export function topHashParts(header: ManifestHeader, entries: readonly ManifestEntry[]): string[] {
  const parts = [canonicalJson(hashedHeader(header))];
  for (const entry of sortInTreeOrder(entries)) {
    parts.push(
      canonicalJson({
        hash: entry.hash as unknown as JsonValue,
        logical_key: entry.logical_key,
        meta: effectiveEntryMeta(entry.meta),
        size: entry.size
      })
    );
  }
  return parts;
}

const encoder = new TextEncoder();

/**
 * The top hash of a package: what quilt3 names its manifest (`.quilt/packages/<top hash>`).
 * @param header - the manifest header (`{version: 'v0', message, user_meta, …}`).
 * @param entries - the entries, in any order.
 * @returns 64 lowercase hex characters.
 * @throws HeliumError `InvalidInput` as {@link topHashParts}.
 */
export function topHash(header: ManifestHeader, entries: readonly ManifestEntry[]): string {
  const hash = new Sha256();
  for (const part of topHashParts(header, entries)) {
    hash.update(encoder.encode(part));
  }
  return toHex(hash.digest());
}
