/**
 * Words for error messages: what was being done to what, and which permission it needs.
 */
import { formatS3Uri } from './uri';

/** Where and what an operation was doing when it failed. */
export interface ErrorContext {
  /** The bucket involved. */
  bucket?: string;
  /** The key or prefix involved. */
  key?: string;
  /** The version involved. */
  versionId?: string;
  /** The S3 operation, e.g. `GetObject`, `ListObjectsV2`, `PutObject`. */
  action: string;
  /** The S3 endpoint the connection points to, for messages (e.g. `http://127.0.0.1:9000`). */
  endpoint?: string;
}

/** How each S3 operation is named in a sentence, and the IAM permission it needs. */
const ACTIONS: Record<string, { verb: string; permission: string; versionPermission?: string }> = {
  ListBuckets: { verb: 'Listing buckets', permission: 's3:ListAllMyBuckets' },
  ListObjectsV2: { verb: 'Listing', permission: 's3:ListBucket' },
  ListObjectVersions: { verb: 'Listing versions of', permission: 's3:ListBucketVersions' },
  HeadBucket: { verb: 'Opening', permission: 's3:ListBucket' },
  HeadObject: {
    verb: 'Reading the details of',
    permission: 's3:GetObject',
    versionPermission: 's3:GetObjectVersion'
  },
  GetObject: { verb: 'Reading', permission: 's3:GetObject', versionPermission: 's3:GetObjectVersion' },
  PutObject: { verb: 'Writing', permission: 's3:PutObject' },
  CreateFolder: { verb: 'Creating folder', permission: 's3:PutObject' },
  DeleteObject: {
    verb: 'Deleting',
    permission: 's3:DeleteObject',
    versionPermission: 's3:DeleteObjectVersion'
  },
  CopyObject: { verb: 'Copying to', permission: 's3:PutObject (and s3:GetObject on the source)' },
  RestoreObject: { verb: 'Restoring from the archive', permission: 's3:RestoreObject' },
  GetBucketVersioning: { verb: 'Reading the versioning state of', permission: 's3:GetBucketVersioning' },
  CreateMultipartUpload: { verb: 'Uploading', permission: 's3:PutObject' },
  UploadPart: { verb: 'Uploading', permission: 's3:PutObject' },
  CompleteMultipartUpload: { verb: 'Uploading', permission: 's3:PutObject' },
  AbortMultipartUpload: { verb: 'Cancelling the upload of', permission: 's3:AbortMultipartUpload' }
};

/**
 * What the operation was about: `s3://b/k (version v)`, `bucket "b"`, or nothing.
 * @param ctx - the error context.
 * @returns a noun phrase, possibly empty.
 */
export function describeTarget(ctx: ErrorContext): string {
  if (ctx.bucket && ctx.key !== undefined && ctx.key !== '') {
    const uri = formatS3Uri({ bucket: ctx.bucket, key: ctx.key });
    return ctx.versionId ? `${uri} (version ${ctx.versionId})` : uri;
  }
  if (ctx.bucket) {
    return `s3://${ctx.bucket}/`;
  }
  return '';
}

/**
 * The operation as the start of a sentence: `Reading s3://b/k`, `Listing buckets`.
 * @param ctx - the error context.
 * @returns a phrase without a final period.
 */
export function describeAction(ctx: ErrorContext): string {
  const verb = ACTIONS[ctx.action]?.verb ?? `${ctx.action} on`;
  const target = describeTarget(ctx);
  if (ctx.action === 'ListBuckets') {
    return verb;
  }
  return target ? `${verb} ${target}` : verb.replace(/ (on|of|to)$/, '');
}

/**
 * The IAM permission an operation needs, e.g. `s3:GetObject` (`s3:GetObjectVersion` for a
 * specific version).
 * @param ctx - the error context.
 * @returns the permission name.
 */
export function requiredPermission(ctx: ErrorContext): string {
  const action = ACTIONS[ctx.action];
  if (!action) {
    return `s3:${ctx.action}`;
  }
  return ctx.versionId && action.versionPermission ? action.versionPermission : action.permission;
}

/**
 * The endpoint for a message: its URL, or "the S3 endpoint" when unknown.
 * @param ctx - the error context.
 * @returns a noun phrase.
 */
export function describeEndpoint(ctx: ErrorContext): string {
  return ctx.endpoint ? `the S3 endpoint ${ctx.endpoint}` : 'the S3 endpoint';
}
