/**
 * S3 URIs given on the command line: a malformed one is a usage error (exit code 2).
 */
import { isHeliumError } from '../service/errors';
import { parseS3Uri, S3Location } from '../service/uri';
import { UsageError } from './errors';
import { safeText } from './output';

/**
 * Whether a command-line argument is an S3 URI.
 * @param arg - the argument.
 * @returns true when it starts with `s3://`.
 */
export function isS3Uri(arg: string): boolean {
  return /^s3:\/\//i.test(arg.trim());
}

/**
 * Parse an S3 URI argument.
 * @param arg - the argument.
 * @param command - the command, for the message.
 * @returns bucket, key and version id.
 * @throws UsageError when it is not a valid S3 URI.
 */
export function parseUriArgument(arg: string, command: string): S3Location {
  if (!isS3Uri(arg)) {
    throw new UsageError(
      `"${safeText(arg)}" is not an S3 URI. Write it as s3://bucket/key, e.g. helium ${command} s3://my-bucket/data/.`,
      'InvalidUri'
    );
  }
  try {
    return parseS3Uri(arg);
  } catch (err) {
    if (isHeliumError(err)) {
      throw new UsageError(err.message, err.code ?? 'InvalidUri');
    }
    throw err;
  }
}
