/**
 * Tests of the Parquet/Arrow viewer's widget in jsdom, on a stand-in document context of a drive
 * that is not S3 (its bytes come whole from the ContentsManager): Arrow files are read whole,
 * Parquet files are paged from memory (row groups decoded as needed), files read whole over the
 * size limit (64 bytes here) wait for "Load anyway", the selected cell's text shows under the
 * grid, errors are shown, and a viewer closed before its document was ready reads nothing.
 * Reading S3 objects by ranges: src/models/table/table-document.int.spec.ts and the galata test
 * ui-tests/tests/big-parquet.spec.ts.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { DataGrid } from '@lumino/datagrid';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { Int64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { loadTable } from '../service/diff/table-load';
import { parquetCodec } from '../service/formats/parquet';
import type { TableViewer as TableViewerType } from './TableViewer';
import { testTrans as trans } from '../testing/translation';

jest.mock('../service/diff/table-kind', () => ({ ...jest.requireActual('../service/diff/table-kind'), TABLE_MAX_BYTES: 64 }));
// The worker itself is tested in models/table/table-load-client.spec.ts; here the table is read in-process.
const loads: string[] = [];
jest.mock('../models/table/table-load-client', () => ({
  loadTableOffThread: (bytes: Uint8Array, key: string) => {
    loads.push(key);
    return loadTable(bytes, key);
  }
}));

let TableViewer: typeof TableViewerType;

/** A document context as much as the viewer uses (ready at once), and a ContentsManager holding its bytes. */
function documentOf(path: string, bytes: Uint8Array) {
  const context = {
    path,
    isReady: true,
    ready: Promise.resolve(),
    contentsModel: { size: bytes.byteLength },
    fileChanged: new Signal<unknown, unknown>({})
  };
  const get = jest.fn(async () => ({ content: Buffer.from(bytes).toString('base64'), format: 'base64' }));
  return {
    context: context as unknown as DocumentRegistry.IContext<DocumentRegistry.IModel>,
    deps: { connections: null, contents: { get } as never },
    get
  };
}

function stormTable(rows: number): Table {
  const ids = Array.from({ length: rows }, (_, i) => BigInt(i));
  return new Table({
    id: vectorFromArray(ids, new Int64()),
    name: vectorFromArray(
      ids.map(i => `storm ${i}`),
      new Utf8()
    )
  });
}

/**
 * Wait until the viewer has finished what it was doing (its `data-state` leaves `loading`), then
 * check where it ended.
 * @param viewer - the viewer.
 * @param state - the state it should end in.
 */
async function settled(viewer: TableViewerType, state: string): Promise<void> {
  await new Promise<void>(resolve => {
    const check = () => {
      if (viewer.node.dataset.state !== 'loading') {
        observer.disconnect();
        resolve();
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(viewer.node, { attributes: true, attributeFilter: ['data-state'] });
    check();
  });
  expect(viewer.node.dataset.state).toBe(state);
}

const summary = (viewer: TableViewerType) => viewer.node.querySelector('.jp-helium-tableview-summary')!.textContent;
const loadAnyway = (viewer: TableViewerType) => viewer.node.querySelector('.jp-helium-tableview-load-anyway') as HTMLButtonElement;

beforeAll(async () => {
  // jsdom has no canvas: the grid then paints nothing.
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  TableViewer = (await import('./TableViewer')).TableViewer;
});

beforeEach(() => {
  loads.length = 0;
});

describe('TableViewer', () => {
  it('reads a small Arrow file whole, with its counts and size', async () => {
    const bytes = tableToIPC(stormTable(1), 'file');
    const { context, deps } = documentOf('data/one.arrow', bytes);
    // Under the limit: the test limit is 64 bytes, so make it so.
    (context.contentsModel as { size: number }).size = 10;
    const viewer = new TableViewer({ context, trans, deps });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'ready');
    expect(loads).toEqual(['data/one.arrow']);
    expect(viewer.node.dataset).toMatchObject({ rows: '1', columns: '2', paged: 'false' });
    expect(summary(viewer)).toMatch(/^1 rows × 2 columns · [\d.]+ (B|KiB) · read-only$/);
    expect(viewer.model?.data('body', 0, 1)).toBe('storm 0');
    expect(loadAnyway(viewer).hidden).toBe(true);
    viewer.dispose();
  });

  it('asks before reading a file over the limit whole, saying how big it is', async () => {
    const { context, deps, get } = documentOf('big.arrow', tableToIPC(stormTable(50), 'file'));
    const viewer = new TableViewer({ context, trans, deps });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'large');
    expect(get).not.toHaveBeenCalled();
    expect(summary(viewer)).toMatch(/^This file is [\d.]+ KiB; reading it as a table takes several times that in memory\.$/);
    expect(loadAnyway(viewer).hidden).toBe(false);
    loadAnyway(viewer).click();
    await settled(viewer, 'ready');
    expect(viewer.node.dataset).toMatchObject({ rows: '50', columns: '2' });
    expect(viewer.model?.data('body', 49, 1)).toBe('storm 49');
    viewer.dispose();
  });

  it('pages a Parquet file by row groups, and shows the selected cell under the grid', async () => {
    const bytes = await parquetCodec.encode!(stormTable(20));
    const { context, deps } = documentOf('storms.parquet', bytes);
    (context.contentsModel as { size: number }).size = 10;
    const viewer = new TableViewer({ context, trans, deps });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'ready');
    expect(loads).toEqual([]); // not through the whole-table loader
    expect(viewer.node.dataset).toMatchObject({ rows: '20', columns: '2', paged: 'true', groups: '1' });
    expect(viewer.model?.data('column-header', 1, 0)).toBe('int64');
    expect(viewer.model?.data('body', 19, 1)).toBe('storm 19');
    const grid = (viewer as unknown as { _grid: DataGrid })._grid;
    const cell = viewer.node.querySelector('.jp-helium-tableview-cell') as HTMLElement;
    // Before a cell is picked, the line under the grid says what it is for (not blank).
    expect(cell.textContent).toBe('Select a cell to see its whole value here.');
    grid.selectionModel!.select({ r1: 19, c1: 1, r2: 19, c2: 1, cursorRow: 19, cursorColumn: 1, clear: 'all' });
    expect(cell.dataset).toMatchObject({ row: '20', column: 'name' });
    expect(cell.textContent).toBe('Row 20 · name: storm 19');
    viewer.dispose();
  });

  it('says why a file cannot be read', async () => {
    const { context, deps } = documentOf('broken.parquet', new TextEncoder().encode('PAR1 not PAR1'));
    const viewer = new TableViewer({ context, trans, deps });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'error');
    expect(summary(viewer)).toMatch(/broken\.parquet/);
    expect(viewer.node.querySelector('.jp-helium-tableview-error')).not.toBeNull();
    viewer.dispose();
  });

  it('reads nothing for a viewer closed before its document was ready', async () => {
    let ready!: () => void;
    const documentReady = new Promise<void>(resolve => (ready = resolve));
    // What the viewer does once the document is ready, to its end (the promise its callback gives).
    const reactions: Promise<unknown>[] = [];
    const { context, deps, get } = documentOf('late.arrow', tableToIPC(stormTable(3), 'file'));
    (context as unknown as { ready: PromiseLike<void> }).ready = {
      then: (onReady, onFailed) => {
        const reaction = documentReady.then(onReady, onFailed);
        reactions.push(reaction);
        return reaction;
      }
    } as PromiseLike<void>;
    const viewer = new TableViewer({ context, trans, deps });
    viewer.dispose();
    ready();
    await Promise.all(reactions);
    expect(reactions).toHaveLength(1);
    expect(loads).toEqual([]);
    expect(get).not.toHaveBeenCalled();
  });
});
