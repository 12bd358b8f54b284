/**
 * Tests of the table diff view in jsdom: the grid model's text, the summary's hooks, the key
 * picker re-running the diff, the mode toggle, and that values are shown as text, not HTML.
 */
import { Float64, Int64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { Widget } from '@lumino/widgets';
import { diffTables } from '../../service/diff/table';
import type { TableDiffView } from './TableDiffView';
import { testTrans as trans } from '../../testing/translation';

/** The view's module, imported after the canvas stub (the grid probes a canvas on import). */
let View: typeof TableDiffView;

/** Two small versions: id 2 changed, id 3 removed, id 4 added, a column added, one retyped. */
function tables(): [Table, Table] {
  const left = new Table({
    id: vectorFromArray([1n, 2n, 3n], new Int64()),
    name: vectorFromArray(['a', '<b>bold</b>', 'c'], new Utf8()),
    n: vectorFromArray([1n, 2n, null], new Int64())
  });
  const right = new Table({
    id: vectorFromArray([2n, 1n, 4n], new Int64()),
    name: vectorFromArray(['<img src=x onerror=alert(1)>', 'a', 'd'], new Utf8()),
    n: vectorFromArray([2, 1, 4], new Float64()),
    extra: vectorFromArray(['x', 'y', 'z'], new Utf8())
  });
  return [left, right];
}

describe('TableDiffView', () => {
  let view: TableDiffView;

  beforeAll(async () => {
    // jsdom has no canvas: the grid then paints nothing (instead of logging "not implemented").
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    View = (await import('./TableDiffView')).TableDiffView;
  });

  beforeEach(() => {
    const [left, right] = tables();
    view = new View({ diff: diffTables(left, right, { keyColumns: ['id'] }), trans });
    Widget.attach(view, document.body);
  });

  afterEach(() => {
    view.dispose();
  });

  it('summarises counts and schema changes in data attributes and text', () => {
    const summary = view.node.querySelector('.jp-helium-tablediff-summary') as HTMLElement;
    expect(summary.dataset).toMatchObject({ status: 'changed', added: '1', removed: '1', changed: '1', same: '1', cells: '1' });
    expect(summary.querySelector('[data-kind="added"]')?.textContent).toBe('+1 added');
    const schema = [...view.node.querySelectorAll('.jp-helium-tablediff-schema li')].map(li => [
      (li as HTMLElement).dataset.column,
      (li as HTMLElement).dataset.status
    ]);
    expect(schema).toEqual([
      ['n', 'type-changed'],
      ['extra', 'added']
    ]);
  });

  it('shows changed cells as old → new, in a model of the changed rows', () => {
    expect(view.node.dataset.mode).toBe('changes');
    const model = view.model;
    expect(model.rowCount('body')).toBe(3);
    const name = view.diff.columns.findIndex(c => c.name === 'name');
    const rows = [0, 1, 2].map(r => [model.rowTitle(r), model.cellText(r, name), model.cellState(r, name)]);
    expect(rows).toEqual([
      ['~ 2 → 1', '<b>bold</b> → <img src=x onerror=alert(1)>', 'changed-cell'],
      ['− 3', 'c', 'removed'],
      ['+ 3', 'd', 'added']
    ]);
    const n = view.diff.columns.findIndex(c => c.name === 'n');
    expect(model.columnTitle(n)).toBe('n: Int64 → Float64');
    expect(model.cellText(1, n)).toBe('∅'); // null
    // Attacker-controlled text never becomes markup.
    expect(view.node.querySelector('img, b')).toBeNull();
  });

  it('toggles all rows and re-runs the diff when another key is picked', async () => {
    (view.node.querySelector('button[data-mode="all"]') as HTMLButtonElement).click();
    expect(view.node.dataset.mode).toBe('all');
    expect(view.model.rowCount('body')).toBe(4);

    const select = view.node.querySelector('select.jp-helium-tablediff-key') as HTMLSelectElement;
    expect([...select.options].map(o => o.value)).toEqual(['[]', '["id"]', '["name"]', '["n"]']);
    const changed = new Promise(resolve => view.diffChanged.connect((_, diff) => resolve(diff)));
    select.value = '[]';
    select.dispatchEvent(new Event('change'));
    await changed;
    expect(view.diff.byKey).toBe(false);
    expect(view.node.dataset.key).toBe('[]');
    const summary = view.node.querySelector('.jp-helium-tablediff-summary') as HTMLElement;
    expect(summary.dataset).toMatchObject({ changed: '3', added: '0', removed: '0' });
    expect(view.model.rowCount('body')).toBe(3);
  });
});
