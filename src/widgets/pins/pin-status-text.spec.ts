/** The words of the notebook toolbar's data status: the most severe pin wins, counts are summed. */
import type { PinStatus } from '../../service/pins/types';
import { emptyCounts } from '../../service/snapshots/statuses';
import { testTrans as trans } from '../../testing/translation';
import { summaryText, tooltipLines } from './pin-status-text';

const pin = (name: string) => ({ name, uri: `s3://b/${name}/`, top_hash: 'ab'.repeat(32) });
const changed = (name: string, counts: Partial<ReturnType<typeof emptyCounts>>): PinStatus => ({
  name,
  state: 'changed',
  counts: { ...emptyCounts(), ...counts }
});

describe('summaryText', () => {
  it('says in sync only when every pin is', () => {
    const statuses = new Map<string, PinStatus>([
      ['a', { name: 'a', state: 'in-sync' }],
      ['b', { name: 'b', state: 'in-sync' }]
    ]);
    expect(summaryText([pin('a'), pin('b')], statuses, [], trans)).toEqual({ state: 'in-sync', text: 'Data: in sync' });
    expect(summaryText([pin('a'), pin('b'), pin('c')], statuses, [], trans)).toEqual({ state: 'checking', text: 'Data: checking…' });
  });

  it('sums the changes of the changed pins, modified first, and leaves out same-content rewrites', () => {
    const statuses = new Map<string, PinStatus>([
      ['a', changed('a', { modified: 2, added: 1, 'same-content-new-version': 4 })],
      ['b', changed('b', { modified: 1 })],
      ['c', { name: 'c', state: 'in-sync' }]
    ]);
    expect(summaryText([pin('a'), pin('b'), pin('c')], statuses, [], trans)).toEqual({
      state: 'changed',
      text: 'Data: changed since pinned: 3 modified, 1 added'
    });
  });

  it('puts missing above changed, an error above missing, and a malformed pin above all', () => {
    const missing: PinStatus = { name: 'm', state: 'missing', missing: [{ logicalKey: 'x', physicalKey: 's3://b/x?versionId=1' }] };
    const error: PinStatus = { name: 'e', state: 'error', error: { kind: 'AccessDenied', message: 'no access to s3://b/' } };
    const statuses = new Map<string, PinStatus>([
      ['a', changed('a', { modified: 1 })],
      ['m', missing],
      ['e', error]
    ]);
    expect(summaryText([pin('m')], statuses, [], trans).text).toBe('Data: missing: 1 pinned file deleted for good');
    expect(summaryText([pin('a'), pin('m')], statuses, [], trans)).toEqual({ state: 'missing', text: 'Data: missing' });
    expect(summaryText([pin('e')], statuses, [], trans).text).toBe('Data: error: no access to s3://b/');
    expect(summaryText([pin('a'), pin('m'), pin('e')], statuses, [], trans).state).toBe('error');
    const problems = [{ index: 3, message: 'Pin #4: "top_hash" is not 64 hex characters.' }];
    expect(summaryText([pin('a')], statuses, problems, trans)).toEqual({ state: 'malformed', text: 'Data: 1 malformed pin' });
  });
});

describe('tooltipLines', () => {
  it('has one line per pin with its folder and hash, says what a followed reference names now, then the malformed ones', () => {
    const statuses = new Map<string, PinStatus>([
      ['a', { ...changed('a', { deleted: 1 }), followed: { follows: 'latest', topHash: 'cd'.repeat(32), newer: true } }],
      ['t', { ...changed('t', { deleted: 1 }), followed: { follows: { tag: 'q3' }, topHash: 'ef'.repeat(32), newer: true } }]
    ]);
    const tagged = { ...pin('t'), follows: { tag: 'q3' } };
    const lines = tooltipLines([pin('a'), tagged, pin('b')], statuses, [{ index: 2, message: 'Pin #3: no "uri".' }], trans);
    expect(lines).toEqual([
      'a (s3://b/a/ @ abababab): changed since pinned: 1 deleted (latest is now cdcdcdcd)',
      't (s3://b/t/ @ abababab): changed since pinned: 1 deleted (tag "q3" now names efefefef) · follows tag "q3"',
      'b (s3://b/b/ @ abababab): checking…',
      'Pin #3: no "uri".'
    ]);
  });
});
