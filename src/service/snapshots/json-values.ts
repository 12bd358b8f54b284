/**
 * JSON values as manifests hold them: parsed without losing number tokens (lossless-json's
 * `LosslessNumber`, so python-json.ts writes them back as Python would), Python's truthiness, and
 * plain JS values for display.
 */
import { isLosslessNumber, parse } from 'lossless-json';
import { HeliumError } from '../error-class';
import type { JsonValue } from './types';

export { isLosslessNumber, LosslessNumber } from 'lossless-json';

/**
 * Whether a value is a plain JSON object (not an array, number wrapper or other class).
 * @param value - anything.
 * @returns true for `{…}` objects.
 */
export function isJsonObject(value: unknown): value is Record<string, JsonValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isLosslessNumber(value)) {
    return false;
  }
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Parse JSON without losing number tokens: every number becomes a `LosslessNumber` holding its
 * text, so `pythonJsonDumps` (python-json.ts) writes it back as Python would. A repeated key keeps its first
 * position and its last value, as Python's `dict` does.
 * @param text - JSON text.
 * @returns the value.
 * @throws HeliumError `InvalidInput` (code `InvalidJson`) with the parser's message.
 */
export function parseLosslessJson(text: string): JsonValue {
  try {
    return parse(text, null, { onDuplicateKey: ({ newValue }) => newValue });
  } catch (cause) {
    throw new HeliumError('InvalidInput', `The text is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}.`, {
      code: 'InvalidJson',
      cause
    });
  }
}

/**
 * Python's truthiness of a JSON value (`None`, `False`, `0`, `0.0`, `""`, `[]`, `{}` are false),
 * as used by quilt3's `meta or {}`.
 * @param value - a JSON value (numbers may be LosslessNumbers).
 * @returns whether Python would consider it true.
 */
export function pythonTruthy(value: JsonValue): boolean {
  if (value === null || value === undefined || value === false || value === '') {
    return false;
  }
  if (typeof value === 'number') {
    return value !== 0;
  }
  if (typeof value === 'bigint') {
    return value !== 0n;
  }
  if (isLosslessNumber(value)) {
    return Number(value.value) !== 0;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (isJsonObject(value)) {
    return Object.keys(value).some(k => value[k] !== undefined);
  }
  return true;
}

/**
 * A lossless JSON value as plain JS (numbers as JS numbers, big integers as bigints), for display
 * and for code that does not care about number tokens.
 * @param value - a value from {@link parseLosslessJson}.
 * @returns the same value with plain numbers.
 */
export function toPlainJson(value: JsonValue): unknown {
  if (isLosslessNumber(value)) {
    const token = value.value;
    if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
      return BigInt(token);
    }
    return Number(token);
  }
  if (Array.isArray(value)) {
    return value.map(toPlainJson);
  }
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, { value: toPlainJson(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
