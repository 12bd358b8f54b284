/**
 * JSON Schema failures (Ajv's errors) as one sentence a person can act on: where in the value
 * and what the schema says, e.g. `at /author: must be string`. Like quilt3 (jsonschema's
 * `validate`), only the first failure is named.
 */
import type { ErrorObject } from 'ajv';

/**
 * Where an error is, for a person.
 * @param error - Ajv's error.
 * @param what - the validated value's name (`the metadata`).
 * @param explain - more words on a path (e.g. which file `/3/size` is), if any.
 * @returns e.g. `the metadata at /a/0`, or `the metadata` at its root.
 */
function place(error: ErrorObject, what: string, explain?: (instancePath: string) => string): string {
  return error.instancePath === '' ? what : `${what} at ${error.instancePath}${explain?.(error.instancePath) ?? ''}`;
}

/**
 * Ajv's message with the detail it keeps in `params`.
 * @param error - Ajv's error.
 * @returns e.g. `must be equal to one of the allowed values: "a", "b"`.
 */
function detail(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const message = error.message ?? `fails "${error.keyword}"`;
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${message}: ${params.allowedValues.map(v => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${message} (found "${params.additionalProperty}")`;
  }
  // A failure of `propertyNames` names the key: on the failing rule, or on its own error.
  const key = error.propertyName ?? (error.keyword === 'propertyNames' ? params.propertyName : undefined);
  if (typeof key === 'string') {
    return `${message} (key "${key}")`;
  }
  return message;
}

/**
 * The first failure of a validation, for a message.
 * @param errors - Ajv's errors (`validate.errors`).
 * @param what - the validated value's name (`the metadata`, `the config`).
 * @param explain - more words on a path (e.g. which file `/3/size` is), if any.
 * @returns e.g. `the metadata at /author: must be string`.
 */
export function schemaErrorText(errors: readonly ErrorObject[], what: string, explain?: (instancePath: string) => string): string {
  // `oneOf`/`anyOf` list their branches' failures first; the first failure is the most specific.
  const first = errors[0];
  if (first === undefined) {
    return `${what} fails the schema`;
  }
  return `${place(first, what, explain)}: ${detail(first)}`;
}
