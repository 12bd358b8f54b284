/**
 * The S3 panel's command logic (delete, new folder, rename, move to, duplicate, copy to) against a
 * real local S3 (moto), with a scripted UI: what lands in S3, what the listing shows, and what the
 * person was asked and told.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { BrowserModel } from '../models/browser';
import { getObjectText, putObject } from '../service/objects';
import { TestConnections } from '../testing/connections';
import { ScriptedPanelUi } from '../testing/panel-ui';
import { createTestBucket, testClient } from '../testing/s3';
import { testTrans } from '../testing/translation';
import { until } from '../testing/until';
import type { IObjectChange } from '../tokens';
import { CSV_PREVIEW_ABOVE, deleteSelected, entryUri, goToUri, IPanelActionsContext, newFolder, openEntry } from './panel-actions';
import { copySelectedTo, duplicateSelected, moveSelectedTo, renameSelected, selectedSource } from './panel-move-actions';

jest.setTimeout(60_000);

let s3: S3Client;
let other: S3Client;
let versioned: string;
let unversioned: string;
let elsewhere: string;

beforeAll(async () => {
  s3 = testClient();
  other = testClient(); // a second connection: another client, so copies between them stream
  versioned = await createTestBucket(s3, 'panel-v');
  unversioned = await createTestBucket(s3, 'panel-u', false);
  elsewhere = await createTestBucket(s3, 'panel-e');
});

/** Every key under a prefix, as S3 has it. */
async function keys(bucket: string, prefix = ''): Promise<string[]> {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (answer.Contents ?? []).map(o => o.Key!).sort();
}

/** A panel on `bucket` with `key` selected (its folder open), a scripted UI and the changes told. */
async function panelOn(
  bucket: string,
  key: string | null,
  folder = ''
): Promise<{ context: IPanelActionsContext; ui: ScriptedPanelUi; model: BrowserModel; changes: IObjectChange[] }> {
  const connections = new TestConnections({ local: s3, other }, { local: [versioned, unversioned, elsewhere], other: [elsewhere] });
  const changes: IObjectChange[] = [];
  connections.objectsChanged.connect((_, change) => void changes.push(change));
  const model = new BrowserModel(connections, testTrans);
  await model.initialize();
  if (key) {
    expect(await model.reveal(bucket, key)).not.toBeNull();
  } else {
    await model.open(bucket, folder);
  }
  const ui = new ScriptedPanelUi();
  return { context: { model, connections, ui, trans: testTrans }, ui, model, changes };
}

const names = (model: BrowserModel): string[] => model.items.map(e => e.name);

describe('delete', () => {
  it('says a versioned bucket keeps the versions, deletes on Delete, and the listing drops the row', async () => {
    await putObject(s3, { bucket: versioned, key: 'del/a.txt', body: 'a' });
    await putObject(s3, { bucket: versioned, key: 'del/b.txt', body: 'b' });
    const { context, ui, model } = await panelOn(versioned, 'del/a.txt');
    expect(await deleteSelected(context)).toBe(true);
    const [asked] = ui.of('confirm');
    expect(asked.title).toBe('Delete a.txt?');
    expect(asked.text).toContain(`s3://${versioned}/del/a.txt`);
    expect(asked.text).toContain('a delete marker hides the object and its versions are kept');
    expect(asked.extra).toBe('Delete');
    expect(await keys(versioned, 'del/')).toEqual(['del/b.txt']);
    await until(model, () => !names(model).includes('a.txt'));
    expect(names(model)).toEqual(['b.txt']);
    expect(ui.of('error')).toEqual([]);
  });

  it('warns that an unversioned bucket loses the object, and Cancel changes nothing', async () => {
    await putObject(s3, { bucket: unversioned, key: 'keep.txt', body: 'k' });
    const { context, ui, changes } = await panelOn(unversioned, 'keep.txt');
    ui.confirms = [false];
    expect(await deleteSelected(context)).toBe(false);
    expect(ui.of('confirm')[0].text).toContain('The bucket is NOT versioned: the object will be gone for good.');
    expect(await keys(unversioned, 'keep.txt')).toEqual(['keep.txt']);
    expect(changes).toEqual([]);
  });

  it('does nothing for a folder (asks nothing)', async () => {
    await putObject(s3, { bucket: versioned, key: 'delf/x.txt', body: 'x' });
    const { context, ui } = await panelOn(versioned, 'delf/');
    expect(await deleteSelected(context)).toBe(false);
    expect(ui.shown).toEqual([]);
    expect(await keys(versioned, 'delf/')).toEqual(['delf/x.txt']);
  });
});

describe('new folder', () => {
  it('creates the folder in the folder on screen, and the listing shows it', async () => {
    await putObject(s3, { bucket: versioned, key: 'nf/readme.txt', body: 'r' });
    const { context, ui, model, changes } = await panelOn(versioned, null, 'nf/');
    ui.texts = ['  results  '];
    expect(await newFolder(context)).toBe('nf/results/');
    expect(ui.of('askText')[0].title).toBe(`New folder in s3://${versioned}/nf/`);
    expect(await keys(versioned, 'nf/')).toEqual(['nf/readme.txt', 'nf/results/']);
    expect(changes).toEqual([{ connection: 'local', bucket: versioned, key: 'nf/results/', type: 'folder' }]);
    await until(model, () => names(model).includes('results'));
  });

  it('refuses a name with a `..` segment, saying why, and writes nothing', async () => {
    const { context, ui } = await panelOn(versioned, null, 'nf2/');
    ui.texts = ['a/../b'];
    expect(await newFolder(context)).toBeNull();
    const [told] = ui.of('error');
    expect(told.title).toBe('Invalid folder name');
    expect(told.text).toMatch(/\.\./);
    expect(await keys(versioned, 'nf2/')).toEqual([]);
  });

  it('says so when the folder exists already, and Cancel asks nothing more', async () => {
    await putObject(s3, { bucket: versioned, key: 'nf3/there/x.txt', body: 'x' });
    const { context, ui } = await panelOn(versioned, null, 'nf3/');
    ui.texts = ['there', null];
    expect(await newFolder(context)).toBeNull();
    expect(ui.of('error')[0].title).toBe('Could not create the folder');
    expect(ui.of('error')[0].text).toContain('already exists');
    expect(await newFolder(context)).toBeNull();
    expect(ui.of('error')).toHaveLength(1);
    expect(await keys(versioned, 'nf3/')).toEqual(['nf3/there/x.txt']);
  });
});

describe('rename, move to, duplicate', () => {
  it('renames an object after saying the old key keeps its history', async () => {
    await putObject(s3, { bucket: versioned, key: 'mv/old.csv', body: 'rows' });
    const { context, ui, changes } = await panelOn(versioned, 'mv/old.csv');
    ui.texts = ['new.csv'];
    await renameSelected(context);
    const [asked] = ui.of('confirm');
    expect(asked.title).toBe('Rename old.csv?');
    expect(asked.text).toContain(`s3://${versioned}/mv/old.csv\n→ s3://${versioned}/mv/new.csv`);
    expect(asked.text).toContain('The old keys keep their version history');
    expect(await keys(versioned, 'mv/')).toEqual(['mv/new.csv']);
    expect((await getObjectText(s3, { bucket: versioned, key: 'mv/new.csv' })).text).toBe('rows');
    expect(changes.map(c => [c.key, c.type])).toEqual([
      ['mv/old.csv', 'delete'],
      ['mv/new.csv', 'put']
    ]);
  });

  it('refuses a rename to a name with a slash, saying to use Move to…', async () => {
    await putObject(s3, { bucket: versioned, key: 'mv2/a.txt', body: 'a' });
    const { context, ui } = await panelOn(versioned, 'mv2/a.txt');
    ui.texts = ['x/b.txt'];
    await renameSelected(context);
    expect(ui.of('confirm')).toEqual([]);
    expect(ui.of('error')[0].text).toContain('Move to…');
    expect(await keys(versioned, 'mv2/')).toEqual(['mv2/a.txt']);
  });

  it('asks before moving over an existing object; declining leaves both', async () => {
    await putObject(s3, { bucket: versioned, key: 'mv3/a.txt', body: 'new' });
    await putObject(s3, { bucket: versioned, key: 'mv3/dest/a.txt', body: 'old' });
    const { context, ui } = await panelOn(versioned, 'mv3/a.txt');
    ui.destinations = [{ connection: 'local', folder: 'mv3/dest' }];
    ui.confirms = [true, false];
    await moveSelectedTo(context);
    expect(ui.of('askDestination')[0].extra).toBe('local,other');
    expect(ui.of('confirm').map(c => c.title)).toEqual(['Move a.txt?', 'Replace what is there?']);
    expect((await getObjectText(s3, { bucket: versioned, key: 'mv3/dest/a.txt' })).text).toBe('old');
    expect(await keys(versioned, 'mv3/')).toEqual(['mv3/a.txt', 'mv3/dest/a.txt']);
  });

  it('moves over it when the person agrees to replace', async () => {
    await putObject(s3, { bucket: versioned, key: 'mv4/a.txt', body: 'new' });
    await putObject(s3, { bucket: versioned, key: 'mv4/dest/a.txt', body: 'old' });
    const { context, ui } = await panelOn(versioned, 'mv4/a.txt');
    ui.destinations = [{ connection: 'local', folder: `s3://${versioned}/mv4/dest/` }];
    ui.confirms = [true, true];
    await moveSelectedTo(context);
    expect((await getObjectText(s3, { bucket: versioned, key: 'mv4/dest/a.txt' })).text).toBe('new');
    expect(await keys(versioned, 'mv4/')).toEqual(['mv4/dest/a.txt']);
    expect(ui.of('error')).toEqual([]);
  });

  it('duplicates next to the source under the first free name', async () => {
    await putObject(s3, { bucket: versioned, key: 'dup/s.csv', body: 's' });
    await putObject(s3, { bucket: versioned, key: 'dup/s copy.csv', body: 'older' });
    const { context, ui } = await panelOn(versioned, 'dup/s.csv');
    expect(await duplicateSelected(context)).toEqual({ bucket: versioned, key: 'dup/s copy 2.csv' });
    expect(ui.of('job')[0].title).toBe('Duplicating s.csv');
    expect((await getObjectText(s3, { bucket: versioned, key: 'dup/s copy 2.csv' })).text).toBe('s');
    expect((await getObjectText(s3, { bucket: versioned, key: 'dup/s copy.csv' })).text).toBe('older');
  });
  it("never moves, renames or duplicates a folder's own key holding bytes (it would take the whole folder)", async () => {
    await putObject(s3, { bucket: versioned, key: 'own/m/', body: 'bytes in a folder marker' });
    await putObject(s3, { bucket: versioned, key: 'own/m/b.txt', body: 'b' });
    const { context, ui, model } = await panelOn(versioned, null, 'own/m/');
    const row = model.items.find(e => e.kind === 'object' && e.key === 'own/m/');
    expect(row).toBeDefined();
    model.select(row!);
    expect(selectedSource(model)).toBeNull();
    ui.texts = ['renamed'];
    await renameSelected(context);
    await duplicateSelected(context);
    expect(ui.of('confirm')).toEqual([]);
    expect(await keys(versioned, 'own/')).toEqual(['own/m/', 'own/m/b.txt']);
  });
});

describe('copy to', () => {
  it('copies a folder to another bucket, saying what becomes of history; the source stays', async () => {
    await putMany2(versioned, ['cp/d/1.txt', 'cp/d/2.txt']);
    const { context, ui, changes } = await panelOn(versioned, 'cp/d/');
    ui.destinations = [{ connection: 'local', folder: `s3://${elsewhere}/into/` }];
    await copySelectedTo(context);
    const [asked] = ui.of('confirm');
    expect(asked.title).toBe('Copy d/?');
    expect(asked.text).toContain('Copied inside S3 (server-side)');
    expect(asked.text).toContain('Each copy starts a history of its own');
    expect(asked.extra).toBe('Copy');
    expect(await keys(elsewhere, 'into/')).toEqual(['into/d/1.txt', 'into/d/2.txt']);
    expect(await keys(versioned, 'cp/')).toEqual(['cp/d/1.txt', 'cp/d/2.txt']);
    expect(changes).toContainEqual({ connection: 'local', bucket: elsewhere, key: 'into/d/', type: 'folder' });
  });

  it('names what it would write over and asks Copy and Replace; Cancel writes nothing', async () => {
    await putObject(s3, { bucket: versioned, key: 'cp2/a.txt', body: 'new' });
    await putObject(s3, { bucket: elsewhere, key: 'cp2/a.txt', body: 'old' });
    const { context, ui } = await panelOn(versioned, 'cp2/a.txt');
    ui.destinations = [{ connection: 'local', folder: `s3://${elsewhere}/cp2/` }];
    ui.confirms = [false];
    await copySelectedTo(context);
    const [asked] = ui.of('confirm');
    expect(asked.extra).toBe('Copy and Replace');
    expect(asked.text).toContain('1 key exists there already and will be written over (cp2/a.txt).');
    expect((await getObjectText(s3, { bucket: elsewhere, key: 'cp2/a.txt' })).text).toBe('old');
  });

  it('streams to another connection, and refuses a bare path there', async () => {
    await putObject(s3, { bucket: versioned, key: 'cp3/a.txt', body: 'across' });
    const { context, ui } = await panelOn(versioned, 'cp3/a.txt');
    ui.destinations = [
      { connection: 'other', folder: 'cp3' },
      { connection: 'other', folder: `s3://${elsewhere}/from-local/` }
    ];
    await copySelectedTo(context);
    expect(ui.of('error')[0].title).toBe('Cannot copy a.txt');
    expect(ui.of('error')[0].text).toContain('s3://bucket/folder/ URI');
    expect(ui.of('confirm')).toEqual([]);
    await copySelectedTo(context);
    expect(ui.of('confirm')[0].text).toContain('Another connection: each object is streamed through this browser');
    expect((await getObjectText(s3, { bucket: elsewhere, key: 'from-local/a.txt' })).text).toBe('across');
  });
});

describe('go to S3 URI', () => {
  /** A panel not shown yet (not initialized), as when the command runs from the palette. */
  function unshownPanel(): { context: IPanelActionsContext; ui: ScriptedPanelUi; model: BrowserModel } {
    const connections = new TestConnections({ local: s3, other }, { local: [versioned], other: [elsewhere] });
    const model = new BrowserModel(connections, testTrans);
    const ui = new ScriptedPanelUi();
    return { context: { model, connections, ui, trans: testTrans }, ui, model };
  }

  it('asks for a URI, shows the panel, opens the folder and selects the object', async () => {
    await putObject(s3, { bucket: versioned, key: 'go/deep/storms.csv', body: 's' });
    const { context, ui, model } = unshownPanel();
    ui.texts = [`s3://${versioned}/go/deep/storms.csv`];
    let shown = 0;
    const entry = await goToUri(context, {}, () => shown++);
    expect(entry).toMatchObject({ kind: 'object', key: 'go/deep/storms.csv' });
    expect(shown).toBe(1);
    expect([model.bucket, model.prefix, model.selected?.name]).toEqual([versioned, 'go/deep/', 'storms.csv']);
    expect(ui.of('error')).toEqual([]);
  });

  it('selects a folder pasted without its slash, on the connection asked for', async () => {
    await putObject(s3, { bucket: elsewhere, key: 'go2/sub/x.txt', body: 'x' });
    const { context, model } = unshownPanel();
    const entry = await goToUri(context, { uri: `s3://${elsewhere}/go2/sub`, connection: 'other' }, () => undefined);
    expect(entry).toMatchObject({ kind: 'folder', prefix: 'go2/sub/' });
    expect([model.connection, model.bucket, model.prefix]).toEqual(['other', elsewhere, 'go2/']);
  });

  it('says a URI it cannot read, before showing or listing anything', async () => {
    const { context, ui, model } = unshownPanel();
    let shown = 0;
    expect(await goToUri(context, { uri: 'https://example.com/x' }, () => shown++)).toBeNull();
    expect(ui.of('error')[0].title).toBe('Cannot go to this URI');
    expect(shown).toBe(0);
    expect(model.connection).toBeNull();
  });

  it('says there is nothing at the URI and leaves its folder open', async () => {
    await putObject(s3, { bucket: versioned, key: 'go3/here.txt', body: 'h' });
    const { context, ui, model } = unshownPanel();
    expect(await goToUri(context, { uri: `s3://${versioned}/go3/missing.txt` }, () => undefined)).toBeNull();
    const [told] = ui.of('error');
    expect(told.title).toBe('Nothing at this URI');
    expect(told.text).toBe(
      `There is no object or folder go3/missing.txt in s3://${versioned}/go3/ on connection local: its folder is open instead.`
    );
    expect(model.prefix).toBe('go3/');
    expect(model.items.map(e => e.name)).toEqual(['here.txt']);
  });

  it('does nothing when the question is cancelled or left empty', async () => {
    const { context, ui, model } = unshownPanel();
    ui.texts = [null, '   '];
    expect(await goToUri(context, {}, () => undefined)).toBeNull();
    expect(await goToUri(context, {}, () => undefined)).toBeNull();
    expect(ui.of('askText')).toHaveLength(2);
    expect(ui.of('error')).toEqual([]);
    expect(model.connection).toBeNull();
  });
});

describe('open and copy S3 URI', () => {
  /** Records what opening asked for; `download` answers the offer. */
  function openCallbacks(download: boolean) {
    const seen = { opened: [] as string[], asTable: [] as boolean[], offered: [] as [string, string][], downloads: 0 };
    return {
      seen,
      callbacks: {
        openDocument: (path: string, asTable?: boolean) => {
          seen.opened.push(path);
          seen.asTable.push(!!asTable);
        },
        offerDownload: async (name: string, problem: string) => {
          seen.offered.push([name, problem]);
          return download;
        },
        download: async () => void seen.downloads++
      }
    };
  }

  it('opens a folder in the panel and an object as a document of the s3: drive', async () => {
    await putObject(s3, { bucket: versioned, key: 'op/in/table.csv', body: 't' });
    const { model } = await panelOn(versioned, 'op/in/');
    const { seen, callbacks } = openCallbacks(false);
    expect(await openEntry(model, model.selected!, callbacks, testTrans)).toBe('folder');
    expect(model.prefix).toBe('op/in/');
    await until(model, () => names(model).includes('table.csv'));
    const table = model.items.find(e => e.name === 'table.csv')!;
    expect(await openEntry(model, table, callbacks, testTrans)).toBe('document');
    expect(seen.opened).toEqual([`s3:local/${versioned}/op/in/table.csv`]);
    expect(seen.asTable).toEqual([false]); // a small CSV: JupyterLab's CSV viewer
    // A large CSV or TSV opens in the table viewer, which reads its first rows only; other large files do not.
    for (const name of ['table.csv', 'table.tsv', 'notes.txt']) {
      const big = { ...table, name, key: `op/in/${name}`, size: CSV_PREVIEW_ABOVE + 1 };
      expect(await openEntry(model, big, callbacks, testTrans)).toBe('document');
    }
    expect(seen.asTable).toEqual([false, true, true, false]);
    expect(entryUri(versioned, table)).toBe(`s3://${versioned}/op/in/table.csv`);
    expect(entryUri(versioned, { kind: 'folder', name: 'in', prefix: 'op/in/' })).toBe(`s3://${versioned}/op/in/`);
  });

  it('offers a download for a key JupyterLab would rewrite, and opens nothing', async () => {
    await putObject(s3, { bucket: versioned, key: 'op2/a/./b.txt', body: 'b' });
    const { model } = await panelOn(versioned, null, 'op2/a/./');
    const odd = model.items.find(e => e.name === 'b.txt')!;
    const declined = openCallbacks(false);
    expect(await openEntry(model, odd, declined.callbacks, testTrans)).toBe('nothing');
    expect(declined.seen.offered).toEqual([['b.txt', expect.stringContaining('.')]]);
    expect(declined.seen.opened).toEqual([]);
    const accepted = openCallbacks(true);
    expect(await openEntry(model, odd, accepted.callbacks, testTrans)).toBe('download');
    expect(accepted.seen.downloads).toBe(1);
    expect(accepted.seen.opened).toEqual([]);
  });
});

/** Puts small objects whose body is their key. */
async function putMany2(bucket: string, list: string[]): Promise<void> {
  for (const key of list) {
    await putObject(s3, { bucket, key, body: key });
  }
}
