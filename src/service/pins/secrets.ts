/**
 * Nothing secret goes into a notebook: the checks a pin's fields (and any other value it holds)
 * pass before a pin is read or written. A notebook travels through git and email, so a pin names
 * only a connection-free `s3://bucket/folder/`; credentials, endpoints and signed URLs are refused.
 * The messages say what the value looks like, never the value itself.
 */

/** Field names that only a secret or a connection detail would have. */
const SECRET_FIELD = /secret|passw|token|credential|access.?key|session|signature|endpoint|authoriz|^auth$|cookie|private.?key/i;

/** Value patterns, each with what it looks like (for the message). */
const SECRET_VALUES: readonly [RegExp, string][] = [
  [/x-amz-(signature|credential|security-token)|[?&](signature|awsaccesskeyid|sig|se|sp|sv)=/i, 'a signed URL'],
  [/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/, 'an AWS access key id'],
  [/^[A-Za-z0-9/+]{40}$/, 'an AWS secret access key'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
  [/[a-z][a-z0-9+.-]*:\/\/[^/\s@]*:[^/\s@]*@/i, 'a URL with a user name and password'],
  [/\bhttps?:\/\//i, 'an endpoint URL (pins name s3://bucket/folder/ only; the connection says where S3 is)'],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/-]{8,}/i, 'an authorization header']
];

/**
 * What a string looks like when it looks secret.
 * @param value - a string held by a pin.
 * @returns what it looks like ("a signed URL"), or null when it looks harmless.
 */
export function secretLooking(value: string): string | null {
  // A 40-character run of the secret-key alphabet needs mixed case and a digit to count (64-hex
  // top hashes and plain words do not).
  for (const [pattern, what] of SECRET_VALUES) {
    if (!pattern.test(value)) {
      continue;
    }
    if (what === 'an AWS secret access key' && !(/[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value))) {
      continue;
    }
    return what;
  }
  return null;
}

/**
 * The first secret-looking thing in a JSON value: a field named like a secret, or a string that
 * looks like one.
 * @param value - a pin or any value it holds.
 * @param path - the field path so far (for the message).
 * @returns the field path and what it looks like, or null.
 */
export function findSecret(value: unknown, path: string[] = []): { field: string; what: string } | null {
  if (typeof value === 'string') {
    const what = secretLooking(value);
    return what ? { field: path.join('.'), what } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findSecret(value[i], [...path, String(i)]);
      if (found) {
        return found;
      }
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_FIELD.test(key)) {
        return { field: [...path, key].join('.'), what: 'a credential or connection setting (by its name)' };
      }
      const found = findSecret(inner, [...path, key]);
      if (found) {
        return found;
      }
    }
  }
  return null;
}
