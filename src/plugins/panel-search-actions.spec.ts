/** Where the commands on search hits take a hit: the one their args name, else the selected one. */
import type { SearchHit } from '../service/search/types';
import { hitArgs, hitOpening, hitRef, hitRevealArgs } from './panel-search-actions';

const target = { connection: 'local', bucket: 'lab', prefix: 'data/' };
const object = (key: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  type: 'object',
  key,
  version_id: 'v',
  meta: null,
  size: 1,
  time: '2026-01-01T00:00:00Z',
  ...extra
});
const snapshot: SearchHit = {
  type: 'snapshot',
  key: 'team/storms',
  version_id: null,
  meta: null,
  size: null,
  time: '2026-01-01T00:00:00Z',
  folder: 'data/storms/',
  top_hash: 'abc123'
};

it('names the selected hit when the args name none, and reads back the args a hit gives', () => {
  const selected = object('data/a.csv', { delete_marker: true });
  expect(hitRef({}, target, selected)).toEqual({
    connection: 'local',
    bucket: 'lab',
    key: 'data/a.csv',
    type: 'object',
    folder: '',
    deleted: true,
    topHash: ''
  });
  expect(hitRef(hitArgs(target, snapshot), null, null)).toEqual({
    connection: 'local',
    bucket: 'lab',
    key: 'team/storms',
    type: 'snapshot',
    folder: 'data/storms/',
    deleted: false,
    topHash: 'abc123'
  });
  // Args win over the selection; nothing named and nothing selected is no hit.
  expect(hitRef({ key: 'x.txt' }, target, selected)?.deleted).toBe(false);
  expect(hitRef({}, target, null)).toBeNull();
  expect(hitRef({}, null, selected)).toBeNull();
});

it('opens an object as a document, a deleted or unaddressable one in its versions, a snapshot in the Snapshots panel', () => {
  const ref = (hit: SearchHit) => hitRef(hitArgs(target, hit), null, null)!;
  expect(hitOpening(ref(object('data/a.csv')))).toEqual({ document: 's3:local/lab/data/a.csv' });
  expect(hitOpening(ref(object('data/gone.csv', { delete_marker: true })))).toEqual({
    command: 'versionHistory',
    args: { connection: 'local', bucket: 'lab', key: 'data/gone.csv' }
  });
  expect(hitOpening(ref(object('data/./odd.csv')))).toEqual({
    command: 'versionHistory',
    args: { connection: 'local', bucket: 'lab', key: 'data/./odd.csv' }
  });
  // An object with bytes whose key ends in "/": a document path would drop the slash and name another key.
  expect(hitOpening(ref(object('data/folderish/')))).toEqual({
    command: 'versionHistory',
    args: { connection: 'local', bucket: 'lab', key: 'data/folderish/' }
  });
  expect(hitOpening(ref(snapshot))).toEqual({
    command: 'showSnapshots',
    args: { connection: 'local', bucket: 'lab', folder: 'data/storms/', topHash: 'abc123', name: 'team/storms' }
  });
});

it('shows an object in its folder, and a snapshot as its folder’s row', () => {
  expect(hitRevealArgs(hitRef(hitArgs(target, object('data/a b.csv')), null, null)!)).toEqual({
    uri: 's3://lab/data/a%20b.csv',
    connection: 'local'
  });
  expect(hitRevealArgs(hitRef(hitArgs(target, snapshot), null, null)!)).toEqual({ uri: 's3://lab/data/storms/', connection: 'local' });
});
