/**
 * S3 URIs given on the command line: a malformed one is a usage error (exit code 2).
 */
import { isHeliumError } from '../service/error-class';
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
 * What of an S3 URI argument would be dropped from its key: a fragment, or a query other than
 * `versionId=…`. The engine ignores both (as quilt3 does), but on a command line they are a key
 * typed literally, as `aws s3` takes it (`what?.txt`), and would name another key.
 * @param arg - the argument.
 * @returns the dropped part, quoted for a message, or undefined when nothing is dropped.
 */
function cutShortBy(arg: string): string | undefined {
  const match = /^s3:\/\/[^/?#]*(?:\/[^?#]*)?(\?[^#]*)?(#.*)?$/i.exec(arg.trim());
  const [, query, fragment] = match ?? [];
  if (query !== undefined && !/^\?versionId=[^&]*$/.test(query)) {
    return `"${safeText(`${query}${fragment ?? ''}`)}"`;
  }
  return fragment === undefined ? undefined : `"${safeText(fragment)}"`;
}

/** A whole command line for the commands whose S3 URI is not their only argument. */
const EXAMPLES: Record<string, string> = {
  put: 'helium put data.csv s3://my-bucket/data/',
  get: 'helium get s3://my-bucket/data/ data/',
  cp: 'helium cp s3://my-bucket/a.csv s3://my-bucket/b.csv',
  diff: 'helium diff s3://my-bucket/data/ 3f2a9c latest',
  pin: 'helium pin notebook.ipynb s3://my-bucket/data/'
};

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
      `"${safeText(arg)}" is not an S3 URI. Write it as s3://bucket/key, e.g. ${EXAMPLES[command] ?? `helium ${command} s3://my-bucket/data/`}.`,
      'InvalidUri'
    );
  }
  const cut = cutShortBy(arg);
  if (cut) {
    // A "%" that starts no escape is refused by the parser too, so the suggestion encodes it (a
    // "%XX" keeps the meaning it has in any other URI argument).
    const literal = arg
      .trim()
      .replace(/%(?![0-9A-Fa-f]{2})/g, '%25')
      .replace(/\?/g, '%3F')
      .replace(/#/g, '%23');
    throw new UsageError(
      `"${safeText(arg)}" ends its key before ${cut}: in an S3 URI "?" starts a query (helium reads only ?versionId=…) and "#" a fragment. For a key holding them, write "?" as %3F and "#" as %23: ${safeText(literal)}.`,
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

/**
 * Merge a `--version` option with the URI's `?versionId=`: either may name the version, and
 * when both do they must agree.
 * @param location - the parsed URI.
 * @param version - the `--version` option, if given.
 * @returns the location with the version id to use (if any).
 * @throws UsageError when the two disagree or `--version` is empty.
 */
export function withVersionOption(location: S3Location, version: string | undefined): S3Location {
  if (version === undefined) {
    return location;
  }
  if (version === '') {
    throw new UsageError('--version needs a version id, e.g. --version 3HL4kqtJlcpXroDTDmJ-rmSpXd3dIbrHY (see helium versions).', 'Usage');
  }
  if (location.versionId !== undefined && location.versionId !== version) {
    throw new UsageError(
      `The URI names version "${safeText(location.versionId)}" but --version says "${safeText(version)}". Give the version once, either way.`,
      'VersionMismatch'
    );
  }
  return { ...location, versionId: version };
}

/**
 * Parse the URI of one object (not a folder) for a command on its versions.
 * @param arg - the argument.
 * @param command - the command, for messages.
 * @param version - the `--version` option, if any.
 * @returns bucket, key and version id.
 * @throws UsageError when it is not an S3 URI of an object.
 */
export function parseObjectArgument(arg: string, command: string, version?: string): S3Location {
  const location = withVersionOption(parseUriArgument(arg, command), version);
  if (location.key === '' || location.key.endsWith('/')) {
    throw new UsageError(
      `"${safeText(arg)}" is a bucket or folder; helium ${command} works on one object. Name it, e.g. s3://${location.bucket}/data/file.csv.`,
      'IsFolder'
    );
  }
  return location;
}
