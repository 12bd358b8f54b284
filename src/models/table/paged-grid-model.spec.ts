/**
 * The paged grid model on stand-in pages (no S3): rows and columns from the footer, a
 * placeholder while a row group is read, its cells once read (and a repaint of its rows), the
 * cache's bound, groups scrolled past before their turn are not read, and a group that fails.
 */
import type { DataModel } from '@lumino/datagrid';
import type { GroupColumns, ParquetPages } from '../../service/table-pages';
import { hintsFor, parquetValueText } from '../../service/table-pages/parquet-values';
import { PagedGridModel } from './paged-grid-model';

/** Pages of `groups` row groups of `rows` rows: id = row index, name = `r<id>`. */
function fakePages(groups: number, rows: number, failing: number[] = []) {
  const reads: number[] = [];
  const waiting: (() => void)[] = [];
  const pages: ParquetPages = {
    numRows: groups * rows,
    fields: [
      { name: 'id', typeName: 'int64' },
      { name: 'name', typeName: 'string' }
    ],
    groups: Array.from({ length: groups }, (_, i) => ({ start: i * rows, rows, bytes: 1000, compressedBytes: 500 })),
    readGroup: (index: number) =>
      new Promise<GroupColumns>((resolve, reject) => {
        reads.push(index);
        waiting.push(() => {
          if (failing.includes(index)) {
            reject(new Error(`group ${index} is gone`));
            return;
          }
          const ids = Array.from({ length: rows }, (_, i) => BigInt(index * rows + i));
          resolve([ids, ids.map(id => `r${id}`)]);
        });
      })
  };
  /** Let every pending read finish, and the model react. */
  const finish = async () => {
    while (waiting.length) {
      waiting.shift()!();
      await new Promise(resolve => setTimeout(resolve, 0));
    }
  };
  return { pages, reads, finish };
}

function modelOf(pages: ParquetPages, maxBytes = 10_000) {
  return new PagedGridModel(pages, {
    valueText: parquetValueText,
    hintsFor,
    loadingText: '…',
    failedText: '(not read)',
    bounds: { maxGroups: 100, maxBytes }
  });
}

/** A paint of the grid: the cells of rows `first`..`last`. */
function paint(model: PagedGridModel, first: number, last: number): string[] {
  const texts: string[] = [];
  for (let row = first; row <= last; row++) {
    texts.push(model.data('body', row, 1));
  }
  return texts;
}

const nextTask = () => new Promise(resolve => setTimeout(resolve, 0));

test('rows and columns come from the footer; headers show names and types', () => {
  const { pages } = fakePages(4, 10);
  const model = modelOf(pages);
  expect(model.rowCount('body')).toBe(40);
  expect(model.columnCount('body')).toBe(2);
  expect(model.data('column-header', 0, 1)).toBe('name');
  expect(model.data('column-header', 1, 0)).toBe('int64');
  expect(model.data('row-header', 39, 0)).toBe('40');
});

test('a cell shows a placeholder, its row group is read once, then its rows are repainted with values', async () => {
  const { pages, reads, finish } = fakePages(4, 10);
  const model = modelOf(pages);
  const changes: DataModel.ChangedArgs[] = [];
  model.changed.connect((_, args) => changes.push(args));
  expect(paint(model, 20, 25)).toEqual(Array(6).fill('…'));
  expect(reads).toEqual([2]);
  await finish();
  expect(changes).toEqual([{ type: 'cells-changed', region: 'body', row: 20, column: 0, rowSpan: 10, columnSpan: 2 }]);
  expect(paint(model, 20, 21)).toEqual(['r20', 'r21']);
  expect(model.data('body', 29, 0)).toBe('29');
  expect(reads).toEqual([2]);
});

test('memory stays within the bound: groups scrolled away from are dropped and read again when back', async () => {
  const { pages, reads, finish } = fakePages(10, 10);
  const model = modelOf(pages, 2500); // two groups and a half
  for (let group = 0; group < 10; group++) {
    paint(model, group * 10, group * 10 + 9);
    await finish();
    paint(model, group * 10, group * 10 + 9);
    await nextTask();
    expect(model.heldGroups.length).toBeLessThanOrEqual(3);
  }
  expect(reads).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(model.heldGroups).not.toContain(0);
  paint(model, 0, 5);
  await finish();
  expect(reads).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
  expect(paint(model, 0, 1)).toEqual(['r0', 'r1']);
});

test('a viewport on two groups larger than the bound keeps both (no endless re-reading)', async () => {
  const { pages, reads, finish } = fakePages(4, 10);
  const model = modelOf(pages, 1000); // one group
  paint(model, 15, 24);
  await nextTask();
  await finish();
  for (let i = 0; i < 3; i++) {
    expect(paint(model, 15, 24)).toEqual(Array.from({ length: 10 }, (_, k) => `r${15 + k}`));
    await nextTask();
  }
  expect(reads.sort()).toEqual([1, 2]);
});

test('groups scrolled past before their turn are not read; the place scrolled to is read first', async () => {
  const { pages, reads, finish } = fakePages(10, 10);
  const model = modelOf(pages);
  for (const group of [0, 1, 2, 3, 4]) {
    paint(model, group * 10, group * 10 + 5);
    await nextTask();
  }
  await nextTask();
  paint(model, 40, 45);
  await finish();
  // Group 0 was being read when the scrolling began; of the rest only where it stopped.
  expect(reads).toEqual([0, 4]);
});

test('ensureRows reads the groups of the first rows before the grid shows', async () => {
  const { pages, reads, finish } = fakePages(3, 10);
  const model = modelOf(pages);
  const ready = model.ensureRows(0, 0);
  await finish();
  await ready;
  expect(reads).toEqual([0]);
  expect(model.data('body', 9, 1)).toBe('r9');
});

test('cells asked for while the first rows are being read are read too', async () => {
  const { pages, reads, finish } = fakePages(3, 10);
  const model = modelOf(pages);
  const first = model.ensureRows(0, 0);
  expect(paint(model, 20, 22)).toEqual(['…', '…', '…']);
  await finish();
  await first;
  expect(reads.sort()).toEqual([0, 2]);
  expect(paint(model, 20, 21)).toEqual(['r20', 'r21']);
});

test('a group that cannot be read says so in its cells and in a signal, and is not read again and again', async () => {
  const { pages, reads, finish } = fakePages(3, 10, [1]);
  const model = modelOf(pages);
  const errors: unknown[] = [];
  model.groupLoaded.connect((_, loaded) => loaded.error && errors.push(loaded.error));
  paint(model, 10, 12);
  await finish();
  expect(String(errors[0])).toContain('group 1 is gone');
  expect(paint(model, 10, 12)).toEqual(['(not read)', '(not read)', '(not read)']);
  await finish();
  expect(reads).toEqual([1]);
  // The first rows failing fails the opening.
  const broken = fakePages(3, 10, [0]);
  const opening = expect(modelOf(broken.pages).ensureRows(0, 0)).rejects.toThrow('group 0 is gone');
  await broken.finish();
  await opening;
});
