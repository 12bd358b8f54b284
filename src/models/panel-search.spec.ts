/**
 * PanelSearchModel: when the S3 panel shows search results instead of its listing, which folder
 * the search follows, and the hit a context menu acts on.
 */
import { Signal } from '@lumino/signaling';
import type { SearchHit } from '../service/search/types';
import type { IHeliumConnections, IObjectChange, IS3ObjectRef } from '../tokens';
import { PanelSearchModel, sameHit } from './panel-search';
import { SearchModel } from './search';
import { markingTrans, testTrans as trans } from '../testing/translation';

// The worker starter uses import.meta (for the bundler), which jest cannot compile.
jest.mock('./search-worker', () => ({ startSearchWorker: () => undefined }));

/** A stand-in for the S3 panel: a folder that moves when told. */
class Folders {
  readonly folderChanged = new Signal<this, IS3ObjectRef | null>(this);
  currentFolder: IS3ObjectRef | null = { connection: 'local', bucket: 'demo', key: 'data/' };
  go(folder: IS3ObjectRef | null): void {
    this.currentFolder = folder;
    this.folderChanged.emit(folder);
  }
}

// No OpenSearch connection: the model keeps the embedded index.
const connections = { objectsChanged: new Signal<object, IObjectChange>({}), list: async () => [] } as unknown as IHeliumConnections;

const hit = (key: string, type: SearchHit['type'] = 'object', top_hash?: string): SearchHit => ({
  type,
  key,
  version_id: null,
  meta: null,
  size: 1,
  time: '2026-01-01T00:00:00Z',
  top_hash
});

describe('PanelSearchModel', () => {
  let folders: Folders;
  let search: SearchModel;
  let model: PanelSearchModel;

  beforeEach(() => {
    folders = new Folders();
    // No worker: the index state becomes an error, which these tests do not look at.
    search = new SearchModel(connections, trans, { startWorker: () => undefined });
    model = new PanelSearchModel(search, folders);
  });

  afterEach(() => {
    model.dispose();
    search.dispose();
  });

  it('shows the listing until opened, and then searches where the panel is', async () => {
    expect(model.active).toBe(false);
    expect(search.target).toBeNull();
    await model.setQuery('   ');
    expect(model.active).toBe(false);
    expect(search.target).toBeNull();
    model.open();
    expect(model.active).toBe(true);
    expect(search.target).toEqual({ connection: 'local', bucket: 'demo', prefix: 'data/' });
  });

  it('opens when a query is typed', async () => {
    await model.setQuery('ext:.csv');
    expect(model.active).toBe(true);
    expect(search.query).toBe('ext:.csv');
    expect(search.target?.bucket).toBe('demo');
  });

  it('follows the panel while open, not while closed', async () => {
    model.open();
    folders.go({ connection: 'local', bucket: 'demo', key: 'data/2024/' });
    expect(search.target?.prefix).toBe('data/2024/');
    await model.close();
    folders.go({ connection: 'local', bucket: 'other', key: '' });
    expect(search.target?.bucket).toBe('demo');
    model.open();
    expect(search.target).toEqual({ connection: 'local', bucket: 'other', prefix: '' });
  });

  it('goes back to the listing on close: query cleared, nothing selected', async () => {
    await model.setQuery('storms');
    model.select(hit('a.csv'));
    await model.close();
    expect(model.active).toBe(false);
    expect(search.query).toBe('');
    expect(model.selected).toBeNull();
  });

  it('says whether a bucket is open, and tells its view when that changes', () => {
    let changes = 0;
    model.changed.connect(() => changes++);
    expect(model.bucketOpen).toBe(true);
    folders.go(null);
    expect(model.bucketOpen).toBe(false);
    expect(changes).toBe(1);
  });

  it('remembers the hit a context menu acts on, and forgets it when the hits no longer have it', () => {
    let changes = 0;
    model.changed.connect(() => changes++);
    model.select(hit('a.csv'));
    model.select(hit('a.csv'));
    expect(changes).toBe(1);
    expect(model.selected?.key).toBe('a.csv');
    search.changed.emit(); // the hits are now none
    expect(model.selected).toBeNull();
    expect(changes).toBe(2);
  });

  it('tells hits apart by type, key and top hash', () => {
    expect(sameHit(hit('p', 'snapshot', 'aa'), hit('p', 'snapshot', 'aa'))).toBe(true);
    expect(sameHit(hit('p', 'snapshot', 'aa'), hit('p', 'snapshot', 'bb'))).toBe(false);
    expect(sameHit(hit('p', 'snapshot', 'aa'), hit('p', 'object'))).toBe(false);
    expect(sameHit(null, hit('p'))).toBe(false);
  });
});

describe('SearchModel messages', () => {
  it('says through the translator that search needs Web Workers', async () => {
    const marked = new SearchModel(connections, markingTrans, { startWorker: () => undefined });
    await marked.setTarget({ connection: 'local', bucket: 'demo', prefix: '' });
    expect(marked.state).toEqual({ kind: 'error', message: '«Search needs Web Workers, which this browser does not offer here.»' });
    marked.dispose();
  });
});
