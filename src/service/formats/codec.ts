/**
 * What a format codec is: how one format turns values into bytes and back, and how it is
 * recognised (name, key extensions, content types).
 */

/** The formats we read and write (the `target` of the `x-amz-meta-helium` header). */
export type FormatName = 'json' | 'txt' | 'bytes' | 'parquet' | 'arrow' | 'csv';

/** Where the bytes being decoded come from, for messages. */
export interface DecodeContext {
  /** The object, e.g. `s3://bucket/key`; absent when decoding bytes from elsewhere. */
  source?: string;
}

/** One format: its names, how to recognise it, and how to encode and decode it. */
export interface FormatCodec<T = unknown> {
  /** The format's name, written as the `target` of `x-amz-meta-helium`. */
  readonly name: FormatName;
  /** Other names that mean this format in a `target` (e.g. T4's `pandas`, `unicode`). */
  readonly aliases: readonly string[];
  /** Key extensions (lowercase, with the dot) of this format. */
  readonly extensions: readonly string[];
  /** Content types (lowercase, no parameters) of this format. */
  readonly contentTypes: readonly string[];
  /** The Content-Type written with this format. */
  readonly contentType: string;
  /**
   * Whether a value is written in this format when the caller names no format.
   * @param value - the value.
   */
  accepts(value: unknown): boolean;
  /**
   * The bytes of a value. Absent for formats we only read (CSV).
   * @throws HeliumError `InvalidInput` when the value cannot be written in this format.
   */
  encode?(value: unknown): Promise<Uint8Array>;
  /**
   * The value stored in some bytes.
   * @throws HeliumError `InvalidInput` when the bytes are not valid in this format.
   */
  decode(bytes: Uint8Array, context?: DecodeContext): Promise<T>;
}
