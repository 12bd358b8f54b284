/**
 * `helium put --meta JSON`: the user's metadata, checked before anything is sent, and written
 * as T4's `x-amz-meta-helium` header `{"target": <format>, "user_meta": <META>}`.
 */
import { isHeliumError } from '../service/error-class';
import { formatForKey } from '../service/formats/registry';
import { assertMetadataFits, encodeHeliumHeader, HELIUM_METADATA_KEY } from '../service/values/header';
import { UsageError } from './errors';
import { parseLosslessJson } from '../service/snapshots/python-json';
import { parseJsonOption } from './json-option';

/**
 * Parse the `--meta` option: a JSON object.
 * @param text - the option's value.
 * @returns the object.
 * @throws UsageError when it is not valid JSON, or not an object (see json-option.ts).
 */
export function parseMetaOption(text: string): Record<string, unknown> {
  return parseJsonOption('--meta', text, { parse: parseLosslessJson }) as Record<string, unknown>;
}

/**
 * The format name written as `target` for a key: from its extension (`.csv` → `csv`), else `bytes`.
 * @param key - the key.
 * @returns the format name.
 */
export function targetForKey(key: string): string {
  return formatForKey(key)?.name ?? 'bytes';
}

/**
 * The S3 user metadata for an upload: `{helium: '{"target": …, "user_meta": …}'}`.
 * @param key - the key (its extension gives the target).
 * @param meta - the user's metadata.
 * @returns the user metadata to send.
 * @throws UsageError when it is over S3's 2 KB (nothing is sent).
 */
export function heliumUserMetadata(key: string, meta: Record<string, unknown>): Record<string, string> {
  const metadata = { [HELIUM_METADATA_KEY]: encodeHeliumHeader(targetForKey(key), meta) };
  try {
    assertMetadataFits(metadata);
  } catch (err) {
    if (isHeliumError(err)) {
      throw new UsageError(`--meta is too large: ${err.message}`, err.code ?? 'MetadataTooLarge');
    }
    throw err;
  }
  return metadata;
}
