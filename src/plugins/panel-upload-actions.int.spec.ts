/**
 * Uploads from the S3 panel against a real local S3 (moto), with a real transfers queue and a
 * scripted UI: which rows are queued, what lands in S3, what the listings are told, and what is
 * refused without sending anything.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { TransfersModel } from '../models/transfers';
import { getObjectText } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { ScriptedPanelUi } from '../testing/panel-ui';
import { createTestBucket, testClient } from '../testing/s3';
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

async function keys(prefix: string): Promise<string[]> {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (answer.Contents ?? []).map(o => o.Key!).sort();
}

function setup(): { uploads: PanelUploads; transfers: TransfersModel; ui: ScriptedPanelUi; changes: IObjectChange[] } {
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
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
  const rows = uploads.uploadFiles(folder, [file('a.txt', 'A'), file('dir/x.txt', 'X'), file('dir/sub/y.txt', 'Y'), file('b.txt', 'B')]);
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
  const rows = uploads.uploadFiles({ connection: 'local', bucket, prefix: 'up2/' }, many);
  expect(rows.map(r => [r.label, r.children.length])).toEqual([['11 files', 11]]);
  await transfers.idle();
  expect(await keys('up2/')).toHaveLength(11);
});

it('fails the row of a path that would leave the folder, saying why, and sends nothing for it', async () => {
  const { uploads, transfers } = setup();
  const rows = uploads.uploadFiles({ connection: 'local', bucket, prefix: 'up3/in/' }, [file('ok.txt', 'ok'), file('../evil.txt', 'x')]);
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
  expect(uploads.uploadFiles({ connection: 'local', bucket, prefix: '' }, [])).toEqual([]);
  await Promise.resolve();
  expect(ui.of('error')).toEqual([
    { kind: 'error', title: 'Nothing to upload', text: 'The drop held no files (empty folders are not uploaded).' }
  ]);
  expect(transfers.transfers).toHaveLength(0);
});
