import type { IDiffRequest } from '../../tokens';
import { parseS3Uri } from '../../service/uri';
import { testTrans } from '../../testing/translation';
import { basename, exceedsCap, s3Uri, shortLabel, swapped, tabCaption, tabTitle } from './diff-labels';

const request: IDiffRequest = {
  left: { connection: 'c', bucket: 'b', key: 'data/storms.csv', label: '12 Mar 2026 14:02', size: 10 },
  right: { connection: 'c', bucket: 'b', key: 'data/storms.csv', label: '13 Mar 2026 09:30 · latest' }
};

describe('diff labels', () => {
  it('titles a tab with the file name and short side labels', () => {
    expect(tabTitle(request)).toBe('storms.csv (12 Mar 2026 14:02 ↔ 13 Mar 2026 09:30)');
    expect(shortLabel('a very long label that goes on and on', 10)).toBe('a very lo…');
    expect(basename('a/b/')).toBe('b');
  });

  it('caps only on known sizes above the limit', () => {
    expect(exceedsCap(request, 10)).toBe(false);
    expect(exceedsCap(request, 9)).toBe(true);
    expect(exceedsCap(swapped(request), 9)).toBe(true);
    expect(swapped(request).left.label).toBe(request.right.label);
  });

  it('names odd keys by URIs that read back as the same object, and shows control characters', () => {
    for (const key of ['100%/a?b#c.csv', 'tab\there.csv', 'a/../b.csv', 'sp  ace+plus.csv']) {
      const side = { ...request.right, bucket: 'bkt', key };
      expect(parseS3Uri(s3Uri(side))).toEqual({ bucket: 'bkt', key });
      expect(tabCaption({ left: side, right: side }, testTrans).split('\n')[0]).toBe(s3Uri(side));
    }
    const tab = { ...request.right, key: 'dir/tab\there.csv' };
    expect(tabTitle({ left: request.left, right: tab })).toMatch(/^tab␉here\.csv \(/);
  });
});
