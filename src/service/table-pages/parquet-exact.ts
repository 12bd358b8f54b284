/**
 * Keeping the viewer's values exact where hyparquet rounds them by default: timestamps become
 * JavaScript Dates (whole milliseconds, so `…00.000000001` showed as `…00`), and decimals become
 * doubles (`decimal(38, 2)` lost digits past the 16th, and `1.10` showed as `1.1`).
 * - Timestamps: our parsers keep the ticks and their unit ({@link Ticks}).
 * - Decimals: hyparquet converts them before any parser runs, so the metadata given to the reader
 *   drops the DECIMAL annotation of top-level decimal columns (their unscaled integers then come
 *   through as they are stored) and {@link unscaledDecimal} reads them; the scale is in the column's
 *   type name. Decimals inside lists and structs are still hyparquet's doubles.
 * Byte arrays without a string annotation stay bytes (`utf8: false`), as pyarrow reads them
 * (`binary`), instead of being decoded as UTF-8 text.
 */
import { parquetSchema } from 'hyparquet';
import type { FileMetaData, ParquetParsers, SchemaElement } from 'hyparquet';
import { TimeUnit } from 'apache-arrow';

/** A timestamp as stored: ticks since the epoch in a unit. */
export class Ticks {
  /**
   * @param ticks - the value.
   * @param unit - its TimeUnit.
   */
  constructor(
    readonly ticks: bigint,
    readonly unit: TimeUnit
  ) {}
}

/** hyparquet parsers that keep timestamps exact. */
export const EXACT_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint | number) => new Ticks(BigInt(millis), TimeUnit.MILLISECOND),
  timestampFromMicroseconds: (micros: bigint | number) => new Ticks(BigInt(micros), TimeUnit.MICROSECOND),
  timestampFromNanoseconds: (nanos: bigint | number) => new Ticks(BigInt(nanos), TimeUnit.NANOSECOND)
};

/** Whether a schema element is a decimal. */
function isDecimal(element: SchemaElement): boolean {
  return element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL';
}

/**
 * The metadata to read with: top-level decimal columns without their DECIMAL annotation (so
 * hyparquet hands over the stored integers); the same object when there are none.
 * @param metadata - the file's metadata.
 * @returns metadata for parquetRead.
 */
export function metadataForExactReads(metadata: FileMetaData): FileMetaData {
  const decimals = new Set(
    parquetSchema(metadata)
      .children.filter(node => node.children.length === 0 && isDecimal(node.element))
      .map(node => node.element)
  );
  if (decimals.size === 0) {
    return metadata;
  }
  const schema = metadata.schema.map(element => {
    if (!decimals.has(element)) {
      return element;
    }
    const plain: SchemaElement = { ...element };
    delete plain.converted_type;
    delete plain.logical_type;
    return plain;
  });
  return { ...metadata, schema };
}

/**
 * A decimal's unscaled integer, as a column read with {@link metadataForExactReads} holds it.
 * @param value - an INT32 number, an INT64 bigint, or big-endian two's-complement bytes.
 * @returns the integer, or undefined for anything else.
 */
export function unscaledDecimal(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') {
    return value;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    return BigInt(value);
  }
  if (value instanceof Uint8Array) {
    if (value.length === 0) {
      return 0n;
    }
    let v = 0n;
    for (const byte of value) {
      v = (v << 8n) | BigInt(byte);
    }
    const bits = BigInt(value.length * 8);
    return v >= 1n << (bits - 1n) ? v - (1n << bits) : v;
  }
  return undefined;
}
