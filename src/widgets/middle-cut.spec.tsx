/**
 * Long names are cut in the middle, not at the end: the head keeps its start (`part-00001-`), the
 * tail keeps the extension, and the whole text stays in the DOM and the tooltip.
 */
import * as React from 'react';
import { act } from 'react';
import { reactHostPerTest } from '../testing/react-host';
import { middleCutPoint, splitRuns } from './middle-cut';
import { MiddleCut } from './MiddleCut';

const spark = (n: number) => `part-0000${n}-5f3c9a2e-1b7d-4c7e-9f0a-2d6b8e1c4a77-c000.snappy.parquet`;

describe('middleCutPoint', () => {
  it('keeps the compound extension and a little before it as the tail', () => {
    const name = spark(1);
    const at = middleCutPoint(name);
    expect(name.slice(at)).toBe('c000.snappy.parquet');
    // Names of one Spark write differ in the head, which keeps their start.
    expect(spark(2).slice(0, middleCutPoint(spark(2)))).toMatch(/^part-00002-/);
  });

  it('does not split short names, and keeps a tail of at most half', () => {
    expect(middleCutPoint('storms.csv')).toBe('storms.csv'.length);
    const odd = 'abcdefghijklmnopqrstuvwxyz.abcdefghij';
    expect(odd.length - middleCutPoint(odd)).toBeLessThanOrEqual(Math.floor(odd.length / 2));
  });

  it("keeps a path's last step whole, and a folder's trailing slash with it", () => {
    const uri = 's3://helium-demo/data/hurdat2/atlantic/2024/storms.csv';
    expect(uri.slice(middleCutPoint(uri))).toBe('/storms.csv');
    const folder = 's3://helium-demo/data/some/deep/folder/';
    expect(folder.slice(middleCutPoint(folder))).toBe('/folder/');
  });

  it('never cuts a surrogate pair in two', () => {
    const name = `${'😀'.repeat(20)}.csv`;
    const at = middleCutPoint(name);
    expect(/^[\uDC00-\uDFFF]/.test(name.slice(at))).toBe(false);
  });
});

describe('splitRuns', () => {
  it('splits marked runs at an index, a run across it on both sides', () => {
    const runs = [
      { text: 'abc', mark: false },
      { text: 'def', mark: true },
      { text: 'gh', mark: false }
    ];
    expect(splitRuns(runs, 4)).toEqual([
      [
        { text: 'abc', mark: false },
        { text: 'd', mark: true }
      ],
      [
        { text: 'ef', mark: true },
        { text: 'gh', mark: false }
      ]
    ]);
  });
});

describe('MiddleCut', () => {
  const view = reactHostPerTest();

  it('renders a head and a kept tail whose text is the whole name, with the name as tooltip', () => {
    act(() => view.root.render(<MiddleCut text={spark(1)} />));
    const outer = view.host.querySelector<HTMLElement>('.jp-helium-middle-cut')!;
    expect(outer.textContent).toBe(spark(1));
    expect(outer.title).toBe(spark(1));
    expect(outer.querySelector('.jp-helium-middle-cut-tail')!.textContent).toBe('c000.snappy.parquet');
    expect(outer.querySelector('.jp-helium-middle-cut-head')!.textContent).toMatch(/^part-00001-/);
  });

  it('has no tooltip of its own when told (its row has one)', () => {
    act(() => view.root.render(<MiddleCut text={spark(1)} title={null} />));
    expect(view.host.querySelector('.jp-helium-middle-cut')!.hasAttribute('title')).toBe(false);
  });
});
