/**
 * Integration tests of restoring a version by multipart copy (UploadPartCopy) against a real
 * local S3 server (moto, see src/testing): bytes, metadata and tags kept, a lost Complete answer,
 * a vanished upload, and no multipart upload left behind on failure or cancel.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import {
  AbortMultipartUploadCommand,
  GetObjectTaggingCommand,
  ListMultipartUploadsCommand,
  PutObjectTaggingCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'crypto';
import { failure } from '../testing/failure';
import { createTestBucket, testClient } from '../testing/s3';
import { getObjectBytes, putObject } from './objects';
import { listVersionPages, ObjectVersion, restoreVersion } from './index';

jest.setTimeout(60_000);

let s3: S3Client;

const sha256b64 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('base64');

/** Every version of a key, newest first. */
async function versionsOf(key: string, b: string): Promise<ObjectVersion[]> {
  const all: ObjectVersion[] = [];
  for await (const page of listVersionPages(s3, { bucket: b, key })) {
    all.push(...page);
  }
  return all;
}

/** Pending multipart uploads in a bucket. */
async function pendingUploads(b: string): Promise<number> {
  return (await s3.send(new ListMultipartUploadsCommand({ Bucket: b }))).Uploads?.length ?? 0;
}

beforeAll(() => {
  s3 = testClient();
});

afterAll(() => s3?.destroy());

describe('multipart copy (threshold lowered to 1 MiB)', () => {
  const TAGS = [
    { Key: 'project', Value: 'helium' },
    { Key: 'team name', Value: 'a+b=c d/e' }
  ];
  let mpBucket: string;
  const key = 'big/data.bin';
  let old: Buffer;
  let oldId: string;

  beforeAll(async () => {
    mpBucket = await createTestBucket(s3, 'versions-mp');
    // moto refuses parts under 5 MiB (but the last): 9 MiB gives an 8 MiB and a 1 MiB part.
    old = randomBytes(9 * 1024 * 1024);
    oldId = (
      await putObject(s3, {
        bucket: mpBucket,
        key,
        body: old,
        contentType: 'application/x-test',
        userMetadata: { helium: '{"target":"bytes","user_meta":{"a":1}}' }
      })
    ).versionId as string;
    await s3.send(new PutObjectTaggingCommand({ Bucket: mpBucket, Key: key, VersionId: oldId, Tagging: { TagSet: TAGS } }));
    await putObject(s3, { bucket: mpBucket, key, body: 'small newer version' });
  });

  /** The tags of a version, sorted by name. */
  const tagsOf = async (versionId?: string) =>
    ((await s3.send(new GetObjectTaggingCommand({ Bucket: mpBucket, Key: key, VersionId: versionId }))).TagSet ?? [])
      .map(t => ({ Key: t.Key, Value: t.Value }))
      .sort((a, b) => String(a.Key).localeCompare(String(b.Key)));

  /** A client whose commands are recorded, with a hook around each (by command name). */
  function hookedClient(hook: (name: string, send: () => Promise<unknown>) => Promise<unknown>): { client: S3Client; names: string[] } {
    const client = testClient();
    const names: string[] = [];
    client.middlewareStack.add(
      (next, context) => async args => {
        const name = String(context.commandName).replace(/Command$/, '');
        names.push(name);
        return (await hook(name, () => next(args))) as Awaited<ReturnType<typeof next>>;
      },
      { step: 'initialize', name: 'hookCommands' }
    );
    return { client, names };
  }

  const droppedConnection = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  const noSuchUpload = () =>
    Object.assign(new Error('The specified upload does not exist.'), { name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } });

  it('restores with UploadPartCopy: same bytes and metadata, no pending upload', async () => {
    const result = await restoreVersion(s3, { bucket: mpBucket, key, versionId: oldId, multipartThreshold: 1024 * 1024 });
    expect(result).toMatchObject({ written: true, multipart: true, size: old.length });
    const now = await getObjectBytes(s3, { bucket: mpBucket, key });
    expect(sha256b64(now.bytes)).toBe(sha256b64(old));
    expect(now.info.versionId).toBe(result.versionId);
    expect(now.info.contentType).toBe('application/x-test');
    expect(now.info.userMetadata).toEqual({ helium: '{"target":"bytes","user_meta":{"a":1}}' });
    // Tags are carried over, as CopyObject would.
    expect(await tagsOf(result.versionId)).toEqual(TAGS);
    expect(await pendingUploads(mpBucket)).toBe(0);
    expect(await versionsOf(key, mpBucket)).toHaveLength(3);
  });

  it('refuses to copy in parts when the source tags cannot be read, writing nothing', async () => {
    await putObject(s3, { bucket: mpBucket, key, body: 'newer again' });
    const before = await versionsOf(key, mpBucket);
    const { client, names } = hookedClient((name, send) =>
      name === 'GetObjectTagging'
        ? Promise.reject(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }))
        : send()
    );
    const err = await failure(restoreVersion(client, { bucket: mpBucket, key, versionId: oldId, multipartThreshold: 1024 * 1024 }));
    expect(err.kind).toBe('AccessDenied');
    expect(err.message).toContain('s3:GetObjectVersionTagging');
    expect(err.message).toContain('lose its tags, so nothing was written');
    expect(names).not.toContain('CreateMultipartUpload');
    expect((await versionsOf(key, mpBucket)).map(v => v.versionId)).toEqual(before.map(v => v.versionId));
    client.destroy();
  });

  it('takes a Complete whose answer was lost as done when HEAD shows the new version (no abort)', async () => {
    await putObject(s3, { bucket: mpBucket, key, body: 'newer still' });
    const before = await versionsOf(key, mpBucket);
    let lost = false;
    const { client, names } = hookedClient(async (name, send) => {
      if (name === 'CompleteMultipartUpload' && lost) {
        throw noSuchUpload(); // what S3 answers once the upload is completed (moto answers 200 again)
      }
      const output = await send();
      if (name === 'CompleteMultipartUpload') {
        lost = true;
        throw droppedConnection(); // the object is written; its answer never arrives
      }
      return output;
    });
    const result = await restoreVersion(client, { bucket: mpBucket, key, versionId: oldId, multipartThreshold: 1024 * 1024 });
    expect(result).toMatchObject({ written: true, multipart: true });
    // The retry found the upload gone (NoSuchUpload), and HEAD confirmed the first attempt.
    expect(names.slice(names.lastIndexOf('CompleteMultipartUpload'))).toEqual(['CompleteMultipartUpload', 'HeadObject']);
    expect(names.filter(n => n === 'CompleteMultipartUpload')).toHaveLength(2);
    expect(names).not.toContain('AbortMultipartUpload');
    const after = await versionsOf(key, mpBucket);
    expect(after).toHaveLength(before.length + 1);
    expect(after[0].versionId).toBe(result.versionId);
    expect(sha256b64((await getObjectBytes(s3, { bucket: mpBucket, key })).bytes)).toBe(sha256b64(old));
    expect(await tagsOf(result.versionId)).toEqual(TAGS);
    client.destroy();
  });

  it('fails when the upload vanished before its Complete and the key holds another version', async () => {
    await putObject(s3, { bucket: mpBucket, key, body: 'the newest' });
    const before = await versionsOf(key, mpBucket);
    let vanished = false;
    const { client, names } = hookedClient(async (name, send) => {
      if (name === 'CompleteMultipartUpload') {
        if (vanished) {
          throw noSuchUpload(); // what S3 answers for an aborted upload (moto answers HTTP 500)
        }
        vanished = true;
        // Someone else aborts the upload, then our first Complete's connection drops.
        const uploads = (await s3.send(new ListMultipartUploadsCommand({ Bucket: mpBucket }))).Uploads ?? [];
        for (const upload of uploads) {
          await s3.send(new AbortMultipartUploadCommand({ Bucket: mpBucket, Key: upload.Key, UploadId: upload.UploadId }));
        }
        throw droppedConnection();
      }
      return send();
    });
    const err = await failure(restoreVersion(client, { bucket: mpBucket, key, versionId: oldId, multipartThreshold: 1024 * 1024 }));
    expect(err).toMatchObject({ kind: 'Conflict', code: 'NoSuchUpload' });
    expect(err.message).toContain('is not the one it would have written');
    expect(names.filter(n => n === 'CompleteMultipartUpload')).toHaveLength(2);
    expect(names).toContain('HeadObject');
    expect((await versionsOf(key, mpBucket)).map(v => v.versionId)).toEqual(before.map(v => v.versionId));
    expect(await pendingUploads(mpBucket)).toBe(0);
    client.destroy();
  });

  it('aborts the multipart upload when a part fails or the copy is cancelled', async () => {
    const before = await versionsOf(key, mpBucket);
    const failing = testClient();
    const controller = new AbortController();
    let mode: 'fail' | 'cancel' = 'fail';
    failing.middlewareStack.add(
      next => async args => {
        const input = args.input as { PartNumber?: number };
        if (input.PartNumber === 2 && mode === 'fail') {
          throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        }
        if (input.PartNumber === 2 && mode === 'cancel') {
          controller.abort();
        }
        return next(args);
      },
      { step: 'initialize', name: 'failPartTwo' }
    );
    const options = { bucket: mpBucket, key, versionId: oldId, multipartThreshold: 1024 * 1024 };
    const failed = await failure(restoreVersion(failing, { ...options }));
    expect(failed.kind).toBe('AccessDenied');
    expect(await pendingUploads(mpBucket)).toBe(0);

    mode = 'cancel';
    const cancelled = await failure(restoreVersion(failing, { ...options, signal: controller.signal }));
    expect(cancelled.kind).toBe('Cancelled');
    expect(await pendingUploads(mpBucket)).toBe(0);
    expect((await versionsOf(key, mpBucket)).map(v => v.versionId)).toEqual(before.map(v => v.versionId));
    failing.destroy();
  });
});
