/**
 * The `s3:` drive saves only over the version a document was last read or saved as (If-Match),
 * and creates new keys only where none is (If-None-Match), against a real local S3 (moto 5.2.5
 * honours both on PutObject); a server answering 501 to the condition gets the plain write.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectVersionsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { Readable } from 'stream';
import type { Contents } from '@jupyterlab/services';
import { getObjectText } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans as trans } from '../testing/translation';
import { S3Drive } from './s3drive';

let s3: S3Client;
/** Another writer: its own client, so the drive's hooks do not see its requests. */
let other: S3Client;
let bucket: string;
let plain: string;
let drive: S3Drive;
/** Runs once, just before the drive's next PutObject is sent: someone else's write "meanwhile". */
let beforePut: (() => Promise<unknown>) | undefined;
/** The conditions the drive's PutObjects carried. */
const conditions: Array<{ IfMatch?: string; IfNoneMatch?: string }> = [];

const path = (b: string, key: string) => `local/${b}/${key}`;
const saveText = (b: string, key: string, content: string) => drive.save(path(b, key), { type: 'file', format: 'text', content });
const text = async (b: string, key: string) => (await getObjectText(s3, { bucket: b, key })).text;
const theirs = (b: string, key: string, body: string) => other.send(new PutObjectCommand({ Bucket: b, Key: key, Body: body }));
const versionCount = async (key: string) =>
  ((await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }))).Versions ?? []).filter(v => v.Key === key).length;
/** What JupyterLab's document context asks before each save (and after its "Overwrite"). */
const check = (b: string, key: string) => drive.get(path(b, key), { content: false, hash: true } as Contents.IFetchOptions);

beforeAll(async () => {
  s3 = testClient();
  other = testClient();
  bucket = await createTestBucket(s3, 'drive-cond');
  plain = await createTestBucket(s3, 'drive-cond-plain', false);
  drive = new S3Drive(new TestConnections({ local: s3 }, { local: [bucket, plain] }), trans);
  s3.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === 'PutObjectCommand') {
        const input = args.input as { IfMatch?: string; IfNoneMatch?: string };
        conditions.push({ IfMatch: input.IfMatch, IfNoneMatch: input.IfNoneMatch });
        const hook = beforePut;
        beforePut = undefined;
        await hook?.();
      }
      return next(args);
    },
    { step: 'initialize', name: 'meanwhile' }
  );
});

afterAll(() => {
  s3?.destroy();
  other?.destroy();
});

beforeEach(() => {
  conditions.length = 0;
  beforePut = undefined;
});

it('sends If-Match on the ETag the document was read as, and If-None-Match for a new key', async () => {
  await saveText(bucket, 'plain/a.txt', 'one');
  const opened = await drive.get(path(bucket, 'plain/a.txt'), { type: 'file', format: 'text' });
  await saveText(bucket, 'plain/a.txt', 'two');
  expect(conditions).toEqual([{ IfNoneMatch: '*' }, { IfMatch: `"${opened.hash}"` }]);
  expect(await text(bucket, 'plain/a.txt')).toBe('two');
});

it('refuses a save over a version written since the document was read: 412, nothing written, a way out', async () => {
  const mine = await saveText(bucket, 'race/read.txt', 'mine');
  await theirs(bucket, 'race/read.txt', 'theirs');
  const refused = await saveText(bucket, 'race/read.txt', 'mine, edited').catch(e => e);
  expect(refused.response?.status).toBe(412);
  expect(refused.message).toMatch(/race\/read\.txt changed on S3 since it was opened.*Nothing was saved.*Save again/);
  expect(await text(bucket, 'race/read.txt')).toBe('theirs');
  expect(await versionCount('race/read.txt')).toBe(2);
  // JupyterLab's next save checks first, sees the other hash ("File Changed"); Overwrite then saves.
  const checked = await check(bucket, 'race/read.txt');
  expect(checked.hash).not.toBe(mine.hash);
  await saveText(bucket, 'race/read.txt', 'mine, edited');
  expect(await text(bucket, 'race/read.txt')).toBe('mine, edited');
  expect(await versionCount('race/read.txt')).toBe(3);
});

it("refuses a save when someone writes between JupyterLab's check and the PUT (S3 answers 412 to If-Match)", async () => {
  await saveText(bucket, 'race/put.txt', 'mine');
  await check(bucket, 'race/put.txt');
  beforePut = () => theirs(bucket, 'race/put.txt', 'theirs');
  const refused = await saveText(bucket, 'race/put.txt', 'mine, edited').catch(e => e);
  expect(refused.response?.status).toBe(412);
  expect(conditions.at(-1)?.IfMatch).toMatch(/^".+"$/);
  expect(await text(bucket, 'race/put.txt')).toBe('theirs');
  expect(await versionCount('race/put.txt')).toBe(2);
});

it('refuses to create a key someone else created meanwhile (If-None-Match), and keeps theirs', async () => {
  beforePut = () => theirs(bucket, 'race/new.txt', 'theirs');
  const refused = await saveText(bucket, 'race/new.txt', 'mine').catch(e => e);
  expect(refused.response?.status).toBe(412);
  expect(conditions).toEqual([{ IfNoneMatch: '*' }]);
  expect(await text(bucket, 'race/new.txt')).toBe('theirs');
});

it('in a bucket without versions, a write meanwhile is not lost', async () => {
  await saveText(plain, 'notes.txt', 'mine');
  await check(plain, 'notes.txt');
  beforePut = () => theirs(plain, 'notes.txt', 'theirs');
  const refused = await saveText(plain, 'notes.txt', 'mine, edited').catch(e => e);
  expect(refused.response?.status).toBe(412);
  expect(await text(plain, 'notes.txt')).toBe('theirs');
});

it('saves the same content over a version someone else wrote with the same bytes as no write', async () => {
  await saveText(bucket, 'same/a.txt', 'one');
  await theirs(bucket, 'same/a.txt', 'two');
  conditions.length = 0;
  const saved = await saveText(bucket, 'same/a.txt', 'two');
  expect(conditions).toEqual([]);
  expect(saved.hash).toBe((await check(bucket, 'same/a.txt')).hash);
});

describe('a server that answers 501 NotImplemented to conditional writes', () => {
  let faulty: S3Client;
  let plainDrive: S3Drive;
  const refusedConditions: string[] = [];

  beforeAll(() => {
    faulty = testClient();
    // What some S3-compatible servers and gateways answer to a PUT with If-Match/If-None-Match.
    const handler = faulty.config.requestHandler as { handle: (request: HttpRequest, options?: unknown) => Promise<unknown> };
    const handle = handler.handle.bind(handler);
    handler.handle = async (request: HttpRequest, options?: unknown) => {
      const condition = Object.keys(request.headers).find(h => /^if-(none-)?match$/i.test(h));
      if (request.method === 'PUT' && condition) {
        refusedConditions.push(condition.toLowerCase());
        const xml =
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>A header you provided implies functionality that is not implemented</Message></Error>';
        const response: HttpResponse = { statusCode: 501, headers: { 'content-type': 'application/xml' }, body: Readable.from([xml]) };
        return { response };
      }
      return handle(request, options);
    };
    plainDrive = new S3Drive(new TestConnections({ local: faulty }, { local: [bucket] }), trans);
  });

  afterAll(() => faulty?.destroy());

  it('saves without the condition (asking once), and still refuses a save over a version it did not read', async () => {
    const save = (key: string, content: string) => plainDrive.save(path(bucket, key), { type: 'file', format: 'text', content });
    await save('nocond/a.txt', 'one');
    await save('nocond/a.txt', 'two');
    await save('nocond/b.txt', 'one');
    expect(refusedConditions).toEqual(['if-none-match']);
    expect(await text(bucket, 'nocond/a.txt')).toBe('two');
    expect(await text(bucket, 'nocond/b.txt')).toBe('one');
    await theirs(bucket, 'nocond/a.txt', 'theirs');
    const refused = await save('nocond/a.txt', 'three').catch(e => e);
    expect(refused.response?.status).toBe(412);
    expect(await text(bucket, 'nocond/a.txt')).toBe('theirs');
    // New untitled files too: written plainly, never over one that exists.
    const dir = path(bucket, 'nocond');
    const first = await plainDrive.newUntitled({ path: dir, type: 'file', ext: '.txt' });
    const second = await plainDrive.newUntitled({ path: dir, type: 'file', ext: '.txt' });
    expect([first.name, second.name]).toEqual(['untitled.txt', 'untitled1.txt']);
    expect(refusedConditions).toEqual(['if-none-match']);
  });
});

it('writes as before, without a condition, for a writer who may not HEAD (it cannot know what is there)', async () => {
  const writeOnly = testClient();
  try {
    // 403 to every HEAD, as for a user allowed s3:PutObject but not s3:GetObject.
    const handler = writeOnly.config.requestHandler as { handle: (request: HttpRequest, options?: unknown) => Promise<unknown> };
    const handle = handler.handle.bind(handler);
    const sentConditions: string[] = [];
    handler.handle = async (request: HttpRequest, options?: unknown) => {
      if (request.method === 'HEAD') {
        const response: HttpResponse = { statusCode: 403, headers: {}, body: Readable.from([]) };
        return { response };
      }
      sentConditions.push(...Object.keys(request.headers).filter(h => /^if-/i.test(h)));
      return handle(request, options);
    };
    await theirs(bucket, 'denied/a.txt', 'theirs');
    const writer = new S3Drive(new TestConnections({ local: writeOnly }, { local: [bucket] }), trans);
    await writer.save(path(bucket, 'denied/a.txt'), { type: 'file', format: 'text', content: 'mine' }).catch(() => undefined);
    expect(sentConditions).toEqual([]);
    expect(await text(bucket, 'denied/a.txt')).toBe('mine');
  } finally {
    writeOnly.destroy();
  }
});
