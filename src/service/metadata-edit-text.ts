/**
 * Metadata as the editor shows and saves it, number tokens kept as written: a `user_meta` of
 * `{"id": 123456789012345678901234567890, "scale": 1.0}` must not come back from an edit (or
 * from saving it untouched) as `1.2345678901234568e+29` and `1`, which quilt3 would then read.
 */
import { stringify } from 'lossless-json';
import { parseMetadataJson, ParsedMetadata } from './metadata-json';
import { isJsonObject, parseLosslessJson } from './snapshots/json-values';

/**
 * The editor's text for an `x-amz-meta-helium` header: its `user_meta`, indented by 2, numbers as
 * stored (`{}` when there is none).
 * @param header - the raw header value, if any.
 * @returns the text.
 */
export function userMetaEditText(header: string | undefined): string {
  let meta: unknown = {};
  if (header) {
    try {
      const parsed = parseLosslessJson(header);
      if (isJsonObject(parsed) && parsed.user_meta !== undefined) {
        meta = parsed.user_meta;
      }
    } catch {
      // An unreadable header is reported by readObjectMetadata; the editor starts from {}.
    }
  }
  return stringify(meta, null, 2) ?? '{}';
}

/**
 * {@link parseMetadataJson}'s checks and messages, with the value read losslessly (numbers as
 * LosslessNumbers, which `encodeHeliumHeader` writes back as they were typed).
 * @param text - the text as typed.
 * @returns `{value}`, or `{error}` naming the line and column.
 */
export function parseMetadataJsonLossless(text: string): ParsedMetadata {
  const parsed = parseMetadataJson(text);
  return 'error' in parsed ? parsed : { value: parseLosslessJson(text) };
}
