/**
 * Uploads from the S3 panel against a real local S3 (moto), with a real transfers queue and a
 * scripted UI: which rows are queued, what lands in S3, what the listings are told, and what is
 * refused without sending anything.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { TransfersModel } from '../models/transfers';
import { getObjectText, putObject } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { ScriptedPanelUi } from '../testing/panel-ui';
import { createTestBucket, putMany, recordCommands, testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import type { IObjectChange } from '../tokens';
import type { IDroppedFile } from '../widgets/dropFiles';
import { PanelUploads } from './panel-upload-actions';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'panel-up');
});

async function keysOf(inBucket: string, prefix: string): Promise<string[]> {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: inBucket, Prefix: prefix }));
  return (answer.Contents ?? []).map(o => o.Key!).sort();
}

const keys = (prefix: string) => keysOf(bucket, prefix);

function setup(buckets = [bucket]): { uploads: PanelUploads; transfers: TransfersModel; ui: ScriptedPanelUi; changes: IObjectChange[] } {
  const connections = new TestConnections({ local: s3 }, { local: buckets });
  const changes: IObjectChange[] = [];
  connections.objectsChanged.connect((_, change) => void changes.push(change));
  const transfers = new TransfersModel();
  const ui = new ScriptedPanelUi();
  const uploads = new PanelUploads({ connections, transfers, ui, trans: testTrans, partsInFlight: () => 2 });
  return { uploads, transfers, ui, changes };
}

const file = (relativePath: string, text: string): IDroppedFile => ({
  file: new File([text], relativePath.split('/').pop()!, { type: 'text/plain' }),
  relativePath
});

it('queues a dropped folder as one row and loose files as rows of their own, and uploads them', async () => {
  const { uploads, transfers, changes } = setup();
  const folder = { connection: 'local', bucket, prefix: 'up1/' };
  const rows = await uploads.uploadFiles(folder, [
    file('a.txt', 'A'),
    file('dir/x.txt', 'X'),
    file('dir/sub/y.txt', 'Y'),
    file('b.txt', 'B')
  ]);
  expect(rows.map(r => [r.label, r.children.length])).toEqual([
    ['dir/', 2],
    ['a.txt', 0],
    ['b.txt', 0]
  ]);
  await transfers.idle();
  expect(rows.map(r => r.state)).toEqual(['done', 'done', 'done']);
  expect(await keys('up1/')).toEqual(['up1/a.txt', 'up1/b.txt', 'up1/dir/sub/y.txt', 'up1/dir/x.txt']);
  expect((await getObjectText(s3, { bucket, key: 'up1/dir/sub/y.txt' })).text).toBe('Y');
  expect(changes.map(c => c.key).sort()).toEqual(['up1/a.txt', 'up1/b.txt', 'up1/dir/sub/y.txt', 'up1/dir/x.txt']);
});

it('gathers many loose files into one "N files" row', async () => {
  const { uploads, transfers } = setup();
  const many = Array.from({ length: 11 }, (_, i) => file(`f${i}.txt`, String(i)));
  const rows = await uploads.uploadFiles({ connection: 'local', bucket, prefix: 'up2/' }, many);
  expect(rows.map(r => [r.label, r.children.length])).toEqual([['11 files', 11]]);
  await transfers.idle();
  expect(await keys('up2/')).toHaveLength(11);
});

it('fails the row of a path that would leave the folder, saying why, and sends nothing for it', async () => {
  const { uploads, transfers } = setup();
  const rows = await uploads.uploadFiles({ connection: 'local', bucket, prefix: 'up3/in/' }, [
    file('ok.txt', 'ok'),
    file('../evil.txt', 'x')
  ]);
  await transfers.idle();
  // `../evil.txt` is a path with a folder (`..`): its row is that folder's, holding the refusal.
  expect(rows.map(r => [r.label, r.state])).toEqual([
    ['../', 'failed'],
    ['ok.txt', 'done']
  ]);
  expect(rows[0].children[0].error).toContain('"../evil.txt" was not uploaded');
  expect(await keys('up3/')).toEqual(['up3/in/ok.txt']);
});

it('says a drop without files holds nothing to upload', async () => {
  const { uploads, transfers, ui } = setup();
  expect(await uploads.uploadFiles({ connection: 'local', bucket, prefix: '' }, [])).toEqual([]);
  await Promise.resolve();
  expect(ui.of('error')).toEqual([
    { kind: 'error', title: 'Nothing to upload', text: 'The drop held no files (empty folders are not uploaded).' }
  ]);
  expect(transfers.transfers).toHaveLength(0);
});

describe('a bucket without versions', () => {
  let plain: string;
  beforeAll(async () => {
    plain = await createTestBucket(s3, 'panel-up-plain', false);
    await putObject(s3, { bucket: plain, key: 'data/a.txt', body: 'old a' });
    await putObject(s3, { bucket: plain, key: 'data/sub/b.txt', body: 'old b' });
  });

  it('asks before replacing objects for good; No uploads nothing, not even the new files', async () => {
    const { uploads, transfers, ui } = setup([plain]);
    ui.confirms = [false];
    const folder = { connection: 'local', bucket: plain, prefix: 'data/' };
    const rows = await uploads.uploadFiles(folder, [file('a.txt', 'new a'), file('sub/b.txt', 'new b'), file('c.txt', 'new c')]);
    expect(rows).toEqual([]);
    await transfers.idle();
    expect(transfers.transfers).toHaveLength(0);
    expect(ui.of('confirm')).toEqual([
      {
        kind: 'confirm',
        title: 'Replace 2 objects for good?',
        text: [
          `Bucket ${plain} does not keep versions: uploading replaces 2 objects that exist, and what they hold now cannot be brought back.`,
          '',
          `s3://${plain}/data/a.txt`,
          `s3://${plain}/data/sub/b.txt`,
          '',
          'Files whose bytes are already there are skipped.'
        ].join('\n'),
        extra: 'Replace'
      }
    ]);
    expect((await getObjectText(s3, { bucket: plain, key: 'data/a.txt' })).text).toBe('old a');
    expect(await keysOf(plain, 'data/')).toEqual(['data/a.txt', 'data/sub/b.txt']);
  });

  it('uploads everything once the person says Replace', async () => {
    const { uploads, transfers, ui } = setup([plain]);
    ui.confirms = [true];
    const folder = { connection: 'local', bucket: plain, prefix: 'data/' };
    const rows = await uploads.uploadFiles(folder, [file('a.txt', 'new a'), file('c.txt', 'new c')]);
    await transfers.idle();
    expect(rows.map(r => r.state)).toEqual(['done', 'done']);
    expect(ui.of('confirm').map(c => c.title)).toEqual(['Replace 1 object for good?']);
    expect((await getObjectText(s3, { bucket: plain, key: 'data/a.txt' })).text).toBe('new a');
    expect((await getObjectText(s3, { bucket: plain, key: 'data/c.txt' })).text).toBe('new c');
  });

  it('says it is looking when the look takes longer than a moment, and stops saying so before asking', async () => {
    const connections = new TestConnections({ local: s3 }, { local: [plain] });
    const told: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (release = resolve));
    // The look waits until the notice is up: the notice is certainly shown before the answer.
    const client = connections.client.bind(connections);
    connections.client = async (name: string) => (await gate, client(name));
    const ui = new ScriptedPanelUi();
    ui.confirms = [false];
    const uploads = new PanelUploads({
      connections,
      transfers: new TransfersModel(),
      ui,
      trans: testTrans,
      partsInFlight: () => 2,
      busyAfterMs: 0,
      busy: message => {
        told.push(`shown: ${message}`);
        release();
        return () => told.push('dismissed');
      }
    });
    const asking = uploads.uploadFiles({ connection: 'local', bucket: plain, prefix: 'data/' }, [file('a.txt', 'x')]);
    expect(await asking).toEqual([]);
    expect(told).toEqual([`shown: Looking for objects in s3://${plain}/data/ that the upload would replace…`, 'dismissed']);
    expect(ui.of('confirm')).toHaveLength(1);
  });

  it('asks nothing when every key is new', async () => {
    const { uploads, transfers, ui } = setup([plain]);
    const rows = await uploads.uploadFiles({ connection: 'local', bucket: plain, prefix: 'fresh/' }, [file('x.txt', 'x')]);
    await transfers.idle();
    expect(rows.map(r => r.state)).toEqual(['done']);
    expect(ui.of('confirm')).toEqual([]);
  });

  it('finds the replaced ones among many files by listing their folder, naming five and counting the rest', async () => {
    const { uploads, transfers, ui } = setup([plain]);
    ui.confirms = [false];
    await putObject(s3, { bucket: plain, key: 'many/f007.txt', body: 'old' });
    const many = Array.from({ length: 120 }, (_, i) => file(`f${String(i).padStart(3, '0')}.txt`, String(i)));
    await putMany(s3, plain, ['many/f000.txt', 'many/f050.txt', 'many/f100.txt', 'many/f118.txt', 'many/f119.txt', 'many/g.txt']);
    const recorded = recordCommands(s3);
    try {
      expect(await uploads.uploadFiles({ connection: 'local', bucket: plain, prefix: 'many/' }, many)).toEqual([]);
    } finally {
      recorded.restore();
    }
    await transfers.idle();
    // One listing of the folder, no HEAD per file.
    expect(recorded.sent).toEqual(['GetBucketVersioning', 'ListObjectsV2']);
    const [asked] = ui.of('confirm');
    expect(asked.title).toBe('Replace 6 objects for good?');
    expect(asked.text.split('\n').slice(2, 8)).toEqual([
      `s3://${plain}/many/f000.txt`,
      `s3://${plain}/many/f007.txt`,
      `s3://${plain}/many/f050.txt`,
      `s3://${plain}/many/f100.txt`,
      `s3://${plain}/many/f118.txt`,
      '… and 1 more'
    ]);
  });
});

it('asks nothing in a versioned bucket, where the object it replaces stays as an older version', async () => {
  const { uploads, transfers, ui } = setup();
  await putObject(s3, { bucket, key: 'kept/a.txt', body: 'old' });
  const rows = await uploads.uploadFiles({ connection: 'local', bucket, prefix: 'kept/' }, [file('a.txt', 'new')]);
  await transfers.idle();
  expect(rows.map(r => r.state)).toEqual(['done']);
  expect(ui.of('confirm')).toEqual([]);
  expect((await getObjectText(s3, { bucket, key: 'kept/a.txt' })).text).toBe('new');
});
