/**
 * *Download to /folder* from the S3 panel against a real local S3 (moto), into a workspace in
 * memory, with a real transfers queue and a scripted UI: what lands in the workspace, what the
 * person was asked and told, and what is refused without writing.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { Contents } from '@jupyterlab/services';
import type { S3Client } from '@aws-sdk/client-s3';
import { TransfersModel } from '../models/transfers';
import { putObject } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { MemoryContents } from '../testing/memory-contents';
import { ScriptedPanelUi } from '../testing/panel-ui';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import { WorkspaceDownloads } from './panel-download-actions';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'panel-dl');
  await putObject(s3, { bucket, key: 'data/storms.csv', body: 'year,count\n2024,3\n' });
  await putObject(s3, { bucket, key: 'tree/a.txt', body: 'A' });
  await putObject(s3, { bucket, key: 'tree/sub/b.txt', body: 'B' });
  await putObject(s3, { bucket, key: 'empty/', body: '' });
});

function setup(): { downloads: WorkspaceDownloads; contents: MemoryContents; transfers: TransfersModel; ui: ScriptedPanelUi } {
  const contents = new MemoryContents();
  contents.dirs.add('ws');
  const transfers = new TransfersModel();
  const ui = new ScriptedPanelUi();
  const downloads = new WorkspaceDownloads({
    connections: new TestConnections({ local: s3 }, { local: [bucket] }),
    transfers,
    contents: contents as unknown as Contents.IManager,
    ui,
    trans: testTrans,
    partsInFlight: () => 2
  });
  return { downloads, contents, transfers, ui };
}

const storms = () => ({ connection: 'local', bucket, key: 'data/storms.csv', name: 'storms.csv', size: 18 });

describe('an object', () => {
  it('lands in the workspace folder as a transfer row', async () => {
    const { downloads, contents, transfers, ui } = setup();
    const row = await downloads.downloadObject(storms(), 'ws');
    await transfers.idle();
    expect(row?.state).toBe('done');
    expect(contents.files.get('ws/storms.csv')).toBe('year,count\n2024,3\n');
    expect([...contents.files.keys()]).toEqual(['ws/storms.csv']); // the partial file is gone
    expect(ui.shown).toEqual([]);
  });

  it('asks before replacing a file; No keeps it, Replace writes over it', async () => {
    const { downloads, contents, transfers, ui } = setup();
    contents.files.set('ws/storms.csv', 'mine');
    ui.confirms = [false, true];
    expect(await downloads.downloadObject(storms(), 'ws')).toBeNull();
    expect(contents.files.get('ws/storms.csv')).toBe('mine');
    expect(transfers.transfers).toHaveLength(0);
    await downloads.downloadObject(storms(), 'ws');
    await transfers.idle();
    expect(contents.files.get('ws/storms.csv')).toBe('year,count\n2024,3\n');
    const asked = ui.of('confirm');
    expect(asked.map(a => [a.title, a.extra])).toEqual([
      ['Replace storms.csv?', 'Replace'],
      ['Replace storms.csv?', 'Replace']
    ]);
    expect(asked[0].text).toBe(`A file named "storms.csv" already exists in /ws. Replace it with s3://${bucket}/data/storms.csv?`);
  });

  it('refuses a second download to the same file while the first runs', async () => {
    const { downloads, transfers, ui } = setup();
    const first = downloads.downloadObject(storms(), 'ws');
    await first;
    expect(await downloads.downloadObject(storms(), 'ws')).toBeNull();
    expect(ui.of('error')).toEqual([
      { kind: 'error', title: 'Already downloading', text: 'storms.csv is already being downloaded to /ws.' }
    ]);
    await transfers.idle();
    expect(transfers.transfers).toHaveLength(1);
  });

  it('refuses a folder that is not of the workspace, and a name that would leave the folder', async () => {
    const { downloads, contents, transfers, ui } = setup();
    expect(await downloads.downloadObject(storms(), 's3:local/b')).toBeNull();
    expect(await downloads.downloadObject({ ...storms(), name: '..' }, 'ws')).toBeNull();
    expect(ui.of('error').map(e => e.title)).toEqual(['Cannot download here', 'Cannot download .. here']);
    expect(ui.of('error')[1].text).toContain('outside that folder');
    expect(transfers.transfers).toHaveLength(0);
    expect(contents.files.size).toBe(0);
  });
});

describe('a folder', () => {
  it('lands as a folder of the same name, one row with a child per object', async () => {
    const { downloads, contents, transfers } = setup();
    const row = await downloads.downloadFolder({ connection: 'local', bucket, prefix: 'tree/' }, 'ws');
    await transfers.idle();
    expect(row?.label).toBe('tree/');
    expect(row?.children.map(c => c.state)).toEqual(['done', 'done']);
    expect(Object.fromEntries(contents.files)).toEqual({ 'ws/tree/a.txt': 'A', 'ws/tree/sub/b.txt': 'B' });
  });

  it('asks before downloading into a folder that exists; No writes nothing', async () => {
    const { downloads, contents, transfers, ui } = setup();
    contents.dirs.add('ws/tree');
    ui.confirms = [false];
    expect(await downloads.downloadFolder({ connection: 'local', bucket, prefix: 'tree/' }, 'ws')).toBeNull();
    expect(ui.of('confirm')[0].title).toBe('Download into the existing folder /ws/tree?');
    expect(transfers.transfers).toHaveLength(0);
    expect(contents.files.size).toBe(0);
  });

  it('says a folder holding no objects has nothing to download', async () => {
    const { downloads, transfers, ui } = setup();
    expect(await downloads.downloadFolder({ connection: 'local', bucket, prefix: 'empty/' }, 'ws')).toBeNull();
    expect(ui.of('error')).toEqual([{ kind: 'error', title: 'Nothing to download', text: `s3://${bucket}/empty/ holds no objects.` }]);
    expect(transfers.transfers).toHaveLength(0);
  });
});
