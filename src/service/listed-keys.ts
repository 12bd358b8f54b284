/**
 * Keys in S3's listings (ListObjectsV2, ListObjectVersions), exactly as S3 holds them.
 *
 * A listing is XML, and XML 1.0 cannot carry most C0 control characters; worse, an XML parser
 * turns a raw CR (and CR LF) into LF, so a key `a\rb` listed raw comes back as the key `a\nb`,
 * another key. Listings therefore ask S3 to URL-encode what it lists (`EncodingType: 'url'`)
 * and {@link decodeListedText} decodes it, as botocore does (`unquote_plus`: S3 may write a
 * space as `+`, and writes `+` itself as `%2B`). The AWS SDK for JavaScript decodes nothing
 * itself.
 *
 * A server may ignore the request and answer raw, saying so by leaving `EncodingType` out of
 * the answer (moto's ListObjectVersions does). Then {@link listedTexts} reads the texts from the
 * raw XML (kept by {@link keepRawBody}) when the parsed ones show the parser's damage: a line
 * feed, or a text emptied because it was only white space around a line break.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

/** What listings ask for: keys URL-encoded. */
export const LIST_ENCODING = 'url';

/** The raw body of one listing response, kept for {@link listedTexts}. */
export interface RawBody {
  /** The response's bytes (set once the response arrives). */
  bytes?: Uint8Array;
  /** The bytes as text, decoded on first use. */
  text?: string;
}

/**
 * Percent-decode a run of `%XX` escapes as UTF-8; bytes that are not UTF-8 become U+FFFD.
 * @param run - one or more `%XX`.
 * @returns the decoded text.
 */
function decodeEscapes(run: string): string {
  const bytes = new Uint8Array(run.length / 3);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Decode a text S3 listed URL-encoded (a key, prefix or marker), as Python's `unquote_plus`:
 * `+` is a space, `%XX` escapes are UTF-8 bytes; a `%` not followed by two hex digits stays.
 * @param text - the encoded text.
 * @returns the text as S3 holds it.
 */
export function decodeListedText(text: string): string {
  // Hot path (every key of a 100,000-key listing): most keys need nothing.
  if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
    return text;
  }
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeEscapes);
  }
}

/** The five entities XML predefines. */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Unescape the text of an XML element as it stands in the document, with no line-end
 * normalization (a CR stays a CR).
 * @param raw - the element's text, between its tags.
 * @returns the text.
 */
export function unescapeXmlText(raw: string): string {
  if (raw.indexOf('&') < 0) {
    return raw;
  }
  return raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return XML_ENTITIES[name];
  });
}

/** The elements {@link listedTexts} can read from raw XML, with their pattern in a listing. */
const ELEMENTS = {
  /** Keys of `Contents`, `Version` and `DeleteMarker`, in document order. */
  Key: /<Key>([^<]*)<\/Key>/g,
  /** Prefixes of `CommonPrefixes`. */
  CommonPrefix: /<CommonPrefixes>\s*<Prefix>([^<]*)<\/Prefix>/g,
  /** The next key marker of ListObjectVersions. */
  NextKeyMarker: /<NextKeyMarker>([^<]*)<\/NextKeyMarker>/g
} as const;

/** An element {@link listedTexts} can read from raw XML. */
export type ListedElement = keyof typeof ELEMENTS;

/**
 * Whether a text as parsed may differ from the text S3 sent raw: XML parsers turn CR into LF,
 * and the SDK empties a text that is only white space around a line break.
 * @param text - a parsed text.
 * @returns true when it may be damaged.
 */
function mayBeDamaged(text: string | undefined): boolean {
  return text !== undefined && (text === '' || text.indexOf('\n') >= 0);
}

/**
 * The texts of one element of a listing response as S3 holds them: decoded when the server
 * URL-encoded them, else as parsed, or read from the raw XML when the parsed ones may be damaged
 * (and the raw XML has exactly as many of them, in the same order).
 * @param parsed - the element's texts as the SDK parsed them, in document order.
 * @param encodingType - the response's `EncodingType`.
 * @param raw - the response's raw body ({@link keepRawBody}).
 * @param element - which element they are.
 * @returns the texts, in the same order.
 */
export function listedTexts<T extends string | undefined>(
  parsed: readonly T[],
  encodingType: string | undefined,
  raw: RawBody,
  element: ListedElement
): T[] {
  if (encodingType === LIST_ENCODING) {
    return parsed.map(text => (text === undefined ? text : decodeListedText(text))) as T[];
  }
  if (!parsed.some(mayBeDamaged) || !raw.bytes) {
    return [...parsed];
  }
  const texts = Array.from(rawText(raw).matchAll(ELEMENTS[element]), match => unescapeXmlText(match[1]));
  if (texts.length !== parsed.length || parsed.some(t => t === undefined)) {
    return [...parsed];
  }
  return texts as T[];
}

/**
 * Keep the raw body of a listing command's response (the SDK still parses it as usual).
 * @param command - the command (its middleware stack gets one more step).
 * @param s3 - the client (its stream collector reads the body).
 * @param raw - filled with the body's bytes.
 */
export function keepRawBody<Input extends object, Output extends object>(
  command: { middlewareStack: MiddlewareStack<Input, Output> },
  s3: S3Client,
  raw: RawBody
): void {
  const middleware: DeserializeMiddleware<Input, Output> = next => async args => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    const status = response?.statusCode ?? 0;
    if (status >= 200 && status < 300 && response.body) {
      const bytes =
        response.body instanceof Uint8Array
          ? response.body
          : await s3.config.streamCollector(response.body as Parameters<typeof s3.config.streamCollector>[0]);
      response.body = bytes;
      raw.bytes = bytes;
    }
    return result;
  };
  command.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: 'heliumRawListing' });
}

/**
 * The raw body as text (decoded once).
 * @param raw - the kept body.
 * @returns its text, or `''` when there is none.
 */
export function rawText(raw: RawBody): string {
  if (raw.text === undefined) {
    raw.text = raw.bytes ? new TextDecoder().decode(raw.bytes) : '';
  }
  return raw.text;
}
