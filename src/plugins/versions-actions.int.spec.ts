/**
 * The version commands' logic against a real local S3 (moto), with the versions model and a
 * scripted UI instead of JupyterLab's dialogs: restore, undelete, delete one version, edit
 * metadata (also when the object changed while the editor was open), compare two versions, and
 * reading an object's S3 URI. Each test checks what S3 holds afterwards, and that a "no" changes nothing.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { listVersionPages, readObjectMetadata } from '../service';
import { deleteObject, getObjectText, putObject } from '../service/objects';
import { putValue } from '../service/values';
import type { IDiffRequest } from '../tokens';
import { VersionsModel } from '../models/versions';
import { createDiffContext } from '../models/diff-content';
import { summarizeSides } from '../models/diff-summary';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { until } from '../testing/until';
import {
  compareVersions,
  deleteVersionAction,
  IConfirmOptions,
  IVersionsUI,
  parseObjectUri,
  restoreVersionAction,
  undeleteAction
} from './versions-actions';
import { editMetadata } from './versions-edit-metadata';

let s3: S3Client;
let bucket: string;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'vactions');
}, 60_000);

/** A UI that answers from a script and remembers what it was asked and told. */
class ScriptedUI implements IVersionsUI {
  constructor(private readonly _answers: { confirm?: boolean; edits?: ((text: string) => Promise<string | null>)[] } = {}) {}
  readonly asked: IConfirmOptions[] = [];
  readonly told: { kind: string; message: string }[] = [];
  readonly errors: { title: string; message: string }[] = [];
  readonly edited: string[] = [];
  async confirm(options: IConfirmOptions): Promise<boolean> {
    this.asked.push(options);
    return options.accept !== undefined && (this._answers.confirm ?? true);
  }
  notify(kind: 'success' | 'info' | 'warning', message: string): void {
    this.told.push({ kind, message });
  }
  async showError(title: string, message: string): Promise<void> {
    this.errors.push({ title, message });
  }
  async editMetadata(options: { text: string; check: (text: string) => string | null }): Promise<string | null> {
    this.edited.push(options.text);
    const next = this._answers.edits?.shift();
    return next ? next(options.text) : null;
  }
}

/** Resolves once the clock has moved into the next whole second. */
async function nextSecond(): Promise<void> {
  const second = Math.floor(Date.now() / 1000);
  while (Math.floor(Date.now() / 1000) === second) {
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

/** All versions of a key, newest first, straight from S3. */
async function versionsOf(key: string) {
  const all = [];
  for await (const page of listVersionPages(s3, { bucket, key })) {
    all.push(...page);
  }
  return all;
}

/** A model showing `key`, and the context the actions take. */
async function showing(key: string, ui: ScriptedUI) {
  const connections = new TestConnections({ local: s3 }, { local: [bucket] });
  const model = new VersionsModel(connections, trans);
  await model.show({ connection: 'local', bucket, key });
  return { model, ctx: { model, trans, ui } };
}

describe('restore', () => {
  it('copies the chosen version on top after the user agrees, and keeps every version', async () => {
    for (const body of ['first', 'second']) {
      await putObject(s3, { bucket, key: 'restore/a.txt', body });
    }
    const ui = new ScriptedUI({ confirm: true });
    const { model, ctx } = await showing('restore/a.txt', ui);
    const [latest, oldest] = model.versions;
    const newId = await restoreVersionAction(ctx, { versionId: oldest.versionId });
    expect(newId).toEqual(expect.any(String));
    expect(ui.asked[0].body).toContain(oldest.versionId);
    expect(ui.asked[0].body).toContain(`s3://${bucket}/restore/a.txt`);
    expect((await getObjectText(s3, { bucket, key: 'restore/a.txt' })).text).toBe('first');
    const after = await versionsOf('restore/a.txt');
    expect(after.map(v => v.versionId)).toEqual([newId, latest.versionId, oldest.versionId]);
    expect(ui.told).toEqual([{ kind: 'success', message: 'Restored a.txt as a new version.' }]);
  });

  it('writes nothing when the user says no', async () => {
    for (const body of ['one', 'two']) {
      await putObject(s3, { bucket, key: 'restore/no.txt', body });
    }
    const ui = new ScriptedUI({ confirm: false });
    const { model, ctx } = await showing('restore/no.txt', ui);
    expect(await restoreVersionAction(ctx, { versionId: model.versions[1].versionId })).toBeNull();
    expect(await versionsOf('restore/no.txt')).toHaveLength(2);
    expect((await getObjectText(s3, { bucket, key: 'restore/no.txt' })).text).toBe('two');
    expect(ui.told).toEqual([]);
  });

  it('says so when the version already is the current one', async () => {
    await putObject(s3, { bucket, key: 'restore/same.txt', body: 'only' });
    const ui = new ScriptedUI();
    const { model, ctx } = await showing('restore/same.txt', ui);
    expect(await restoreVersionAction(ctx, { versionId: model.versions[0].versionId })).toBeNull();
    expect(await versionsOf('restore/same.txt')).toHaveLength(1);
    expect(ui.told[0].message).toBe('same.txt already is that version: nothing written.');
  });
});

describe('undelete', () => {
  it('removes the delete markers on top, so the last content is current again', async () => {
    await putObject(s3, { bucket, key: 'undelete/b.txt', body: 'content' });
    await deleteObject(s3, { bucket, key: 'undelete/b.txt' });
    const ui = new ScriptedUI({ confirm: true });
    const { model, ctx } = await showing('undelete/b.txt', ui);
    expect(model.isDeleted).toBe(true);
    expect(await undeleteAction(ctx)).toBe(true);
    expect(ui.asked[0].body).toMatch(/^The delete marker on top of s3:\/\/.*\/undelete\/b.txt will be removed/);
    expect((await getObjectText(s3, { bucket, key: 'undelete/b.txt' })).text).toBe('content');
    expect((await versionsOf('undelete/b.txt')).some(v => v.isDeleteMarker)).toBe(false);
    expect(ui.told).toEqual([{ kind: 'success', message: 'b.txt is back.' }]);
  });

  it('offers only Close when no version has content, and changes nothing', async () => {
    // A delete marker whose content version was then deleted for good: nothing to bring back.
    const { versionId } = await putObject(s3, { bucket, key: 'undelete/never.txt', body: 'gone' });
    await deleteObject(s3, { bucket, key: 'undelete/never.txt' });
    await deleteObject(s3, { bucket, key: 'undelete/never.txt', versionId });
    const ui = new ScriptedUI({ confirm: true });
    const { model, ctx } = await showing('undelete/never.txt', ui);
    expect(model.isDeleted).toBe(true);
    expect(await undeleteAction(ctx)).toBe(false);
    expect(ui.asked[0].accept).toBeUndefined();
    expect(ui.asked[0].body).toContain('has no version with content to bring back');
    expect(await versionsOf('undelete/never.txt')).toHaveLength(1);
  });
});

describe('delete one version', () => {
  it('deletes that version for good after a warning that says the others are kept', async () => {
    for (const body of ['v1', 'v2', 'v3']) {
      await putObject(s3, { bucket, key: 'delete/c.txt', body });
    }
    const ui = new ScriptedUI({ confirm: true });
    const { model, ctx } = await showing('delete/c.txt', ui);
    await until(model, () => model.versioning !== null);
    const middle = model.versions[1].versionId;
    expect(await deleteVersionAction(ctx, { versionId: middle })).toBe(true);
    expect(ui.asked[0].warn).toBe(true);
    expect(ui.asked[0].body).toContain('The other 2 versions are kept.');
    const left = (await versionsOf('delete/c.txt')).map(v => v.versionId);
    expect(left).toHaveLength(2);
    expect(left).not.toContain(middle);
    expect((await getObjectText(s3, { bucket, key: 'delete/c.txt' })).text).toBe('v3');
  });

  it('keeps the version when the user says no', async () => {
    await putObject(s3, { bucket, key: 'delete/keep.txt', body: 'only' });
    const ui = new ScriptedUI({ confirm: false });
    const { ctx } = await showing('delete/keep.txt', ui);
    expect(await deleteVersionAction(ctx, {})).toBe(false);
    expect(ui.asked[0].body).toContain('This is the ONLY version');
    expect(await versionsOf('delete/keep.txt')).toHaveLength(1);
  });
});

describe('edit metadata', () => {
  it('keeps number tokens as stored and as typed (an int past 2^53, 1.0)', async () => {
    const header = '{"target":"txt","user_meta":{"id":123456789012345678901234567890,"scale":1.0}}';
    await putObject(s3, { bucket, key: 'meta/big.txt', body: 'x', userMetadata: { helium: header } });
    const ui = new ScriptedUI({ edits: [async text => text.replace('1.0', '2.0')] });
    const { ctx } = await showing('meta/big.txt', ui);
    expect(await editMetadata(ctx, {})).toBe(true);
    expect(ui.edited[0]).toBe('{\n  "id": 123456789012345678901234567890,\n  "scale": 1.0\n}');
    const meta = await readObjectMetadata(s3, { bucket, key: 'meta/big.txt' });
    expect(meta.info.userMetadata.helium).toBe('{"target":"txt","user_meta":{"id":123456789012345678901234567890,"scale":2.0}}');
  });

  it('starts from the metadata in S3 and saves the edit as a new version with the same content', async () => {
    await putValue(s3, { bucket, key: 'meta/d.json' }, { n: 1 }, { meta: { source: 'lab 3' } });
    const ui = new ScriptedUI({ edits: [async () => '{"source": "lab 4", "ok": true}'] });
    const { model, ctx } = await showing('meta/d.json', ui);
    expect(await editMetadata(ctx, {})).toBe(true);
    expect(JSON.parse(ui.edited[0])).toEqual({ source: 'lab 3' });
    const versions = await versionsOf('meta/d.json');
    expect(versions).toHaveLength(2);
    const meta = await readObjectMetadata(s3, { bucket, key: 'meta/d.json' });
    expect(meta.helium?.user_meta).toEqual({ source: 'lab 4', ok: true });
    expect((await getObjectText(s3, { bucket, key: 'meta/d.json' })).text).toBe('{"n":1}');
    expect(ui.told[0].message).toBe('Metadata saved as a new version of d.json.');
    model.dispose();
  });

  it('checks JSON and the 2 KB limit as you type', async () => {
    await putValue(s3, { bucket, key: 'meta/check.json' }, { n: 1 });
    const connections = new TestConnections({ local: s3 }, { local: [bucket] });
    const model = new VersionsModel(connections, trans);
    await model.show({ connection: 'local', bucket, key: 'meta/check.json' });
    const edit = await model.metadataForEdit(model.target!, model.versions[0].versionId);
    expect(edit.check('{"a": 1}')).toBeNull();
    expect(edit.check('{"a": ')).toMatch(/not valid JSON: line 1/);
    expect(edit.check('[1]')).toMatch(/must be a JSON object/);
    expect(edit.check(JSON.stringify({ big: 'x'.repeat(3000) }))).toMatch(
      /^User metadata is [\d,]+ bytes; S3 allows at most 2,048 \(2 KB\)/
    );
  });

  it('refuses an older version (saving would bring back its content) and writes nothing', async () => {
    for (const body of ['old', 'new']) {
      await putObject(s3, { bucket, key: 'meta/e.txt', body });
    }
    const ui = new ScriptedUI({ edits: [async () => '{}'] });
    const { model, ctx } = await showing('meta/e.txt', ui);
    expect(await editMetadata(ctx, { versionId: model.versions[1].versionId })).toBe(false);
    expect(ui.errors[0].title).toBe('Metadata is edited on the current version');
    expect(ui.edited).toEqual([]);
    expect(await versionsOf('meta/e.txt')).toHaveLength(2);
  });

  it('goes back to the editor with the text as typed when the save fails', async () => {
    await putValue(s3, { bucket, key: 'meta/f.json' }, { n: 1 }, { meta: { a: 1 } });
    const typed = '{"a": 2}';
    const ui = new ScriptedUI({
      edits: [
        // Someone writes a new version while the editor is open: the edited one is no longer current.
        async () => {
          await putValue(s3, { bucket, key: 'meta/f.json' }, { n: 2 }, { meta: { a: 1 } });
          return typed;
        },
        async () => null
      ]
    });
    const { ctx } = await showing('meta/f.json', ui);
    expect(await editMetadata(ctx, {})).toBe(false);
    expect(ui.errors.map(e => e.title)).toEqual(['Could not save the metadata']);
    expect(ui.edited[1]).toBe(typed);
    expect(await versionsOf('meta/f.json')).toHaveLength(2);
    expect((await readObjectMetadata(s3, { bucket, key: 'meta/f.json' })).helium?.user_meta).toEqual({ a: 1 });
  });
});

describe('compare', () => {
  it('opens the two versions with the older on the left, whichever order they are named in', async () => {
    await putObject(s3, { bucket, key: 'compare/g.txt', body: 'left' });
    // S3 times have whole seconds: the newer version must be written in a later second.
    await nextSecond();
    await putObject(s3, { bucket, key: 'compare/g.txt', body: 'right' });
    const ui = new ScriptedUI();
    const { model, ctx } = await showing('compare/g.txt', ui);
    const opened: IDiffRequest[] = [];
    const diffs = { open: async (request: IDiffRequest) => void opened.push(request) };
    const [newer, older] = model.versions;
    expect(await compareVersions(ctx, diffs, { left: newer.versionId, right: older.versionId })).toBe(true);
    expect(opened[0].left.versionId).toBe(older.versionId);
    expect(opened[0].right.versionId).toBe(newer.versionId);
    expect(opened[0].right.label).toMatch(/· latest$/);
    expect(opened[0].left).toMatchObject({ connection: 'local', bucket, key: 'compare/g.txt', size: 4 });
  });

  it('opens the two ticked versions, which the diff tab then reads and tells apart', async () => {
    for (const body of ['first draft', 'final draft']) {
      await putObject(s3, { bucket, key: 'compare/notes.txt', body });
    }
    const ui = new ScriptedUI();
    const { model, ctx } = await showing('compare/notes.txt', ui);
    model.toggleCompare(model.versions[0].versionId);
    model.toggleCompare(model.versions[1].versionId);
    const opened: IDiffRequest[] = [];
    expect(await compareVersions(ctx, { open: async r => void opened.push(r) }, {})).toBe(true);
    const connections = new TestConnections({ local: s3 }, { local: [bucket] });
    const context = createDiffContext({ request: opened[0], connections, trans, signal: new AbortController().signal });
    expect(await context.readText(context.request.left)).toBe('first draft');
    expect(await context.readText(context.request.right)).toBe('final draft');
    expect((await summarizeSides(context)).decision).toMatchObject({ verdict: 'different', evidence: 'checksum' });
  });

  it('refuses a delete marker', async () => {
    await putObject(s3, { bucket, key: 'compare/h.txt', body: 'x' });
    await deleteObject(s3, { bucket, key: 'compare/h.txt' });
    const ui = new ScriptedUI();
    const { model, ctx } = await showing('compare/h.txt', ui);
    const opened: IDiffRequest[] = [];
    const [marker, content] = model.versions;
    expect(await compareVersions(ctx, { open: async r => void opened.push(r) }, { left: content.versionId, right: marker.versionId })).toBe(
      false
    );
    expect(opened).toEqual([]);
    expect(ui.errors[0].title).toBe('Nothing to compare');
  });
});

describe('an object URI', () => {
  it('names the object and version, and refuses a bucket or a folder', () => {
    expect(parseObjectUri(trans, ' s3://my-bucket/dir/x.csv?versionId=v1 ', 'local')).toEqual({
      connection: 'local',
      bucket: 'my-bucket',
      key: 'dir/x.csv',
      versionId: 'v1'
    });
    expect(() => parseObjectUri(trans, 's3://my-bucket/dir/', 'local')).toThrow(
      'names a bucket or a folder; give the S3 URI of an object, e.g. s3://my-bucket/dir/data.csv'
    );
    expect(() => parseObjectUri(trans, 's3://my-bucket', 'local')).toThrow(/names a bucket or a folder/);
  });
});
