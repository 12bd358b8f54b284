/**
 * Tests of the Parquet/Arrow viewer's widget in jsdom, on a stand-in document context: it reads
 * the document's base64 as a table, says how big it is, waits for "Load anyway" above the size
 * limit (a limit of 64 bytes here), shows errors, and does nothing for a widget already disposed.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { Int64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { loadTable } from '../service/diff/table-load';
import type { TableViewer as TableViewerType } from './TableViewer';
import { testTrans as trans } from '../testing/translation';

jest.mock('../service/diff/table-kind', () => ({ ...jest.requireActual('../service/diff/table-kind'), TABLE_MAX_BYTES: 64 }));
// The worker itself is tested in models/table/table-load-client.spec.ts; here the table is read in-process.
const loads: string[] = [];
jest.mock('../models/table/table-load-client', () => ({
  loadBase64TableOffThread: (base64: string, key: string) => {
    loads.push(key);
    return loadTable(new Uint8Array(Buffer.from(base64, 'base64')), key);
  }
}));

let TableViewer: typeof TableViewerType;

/** A document context as much as the viewer uses: a base64 model that is ready at once. */
function contextOf(path: string, bytes: Uint8Array) {
  const contentChanged = new Signal<unknown, void>({});
  const clearUndoHistory = jest.fn();
  const context = {
    path,
    isReady: true,
    ready: Promise.resolve(),
    model: {
      toString: () => Buffer.from(bytes).toString('base64'),
      contentChanged,
      sharedModel: { clearUndoHistory }
    }
  };
  return { context: context as unknown as DocumentRegistry.IContext<DocumentRegistry.IModel>, clearUndoHistory };
}

function arrowFile(rows: number): Uint8Array {
  const ids = Array.from({ length: rows }, (_, i) => BigInt(i));
  return tableToIPC(
    new Table({
      id: vectorFromArray(ids, new Int64()),
      name: vectorFromArray(
        ids.map(i => `storm ${i}`),
        new Utf8()
      )
    }),
    'file'
  );
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
  it('shows a small table at once, with its counts and size', async () => {
    // Under the test limit of 64 bytes: a tiny CSV (the loader reads any table format).
    const { context, clearUndoHistory } = contextOf('data/one.csv', new TextEncoder().encode('id,name\n7,Ana\n'));
    const viewer = new TableViewer({ context, trans });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'ready');
    expect(loads).toEqual(['data/one.csv']);
    expect(clearUndoHistory).toHaveBeenCalled();
    expect(viewer.node.dataset).toMatchObject({ rows: '1', columns: '2' });
    expect(summary(viewer)).toBe('1 rows × 2 columns · 14 B · read-only'); // base64 ends in one '='
    expect(viewer.model?.data('body', 0, 1)).toBe('Ana');
    expect(loadAnyway(viewer).hidden).toBe(true);
    viewer.dispose();
  });

  it('asks before reading a file over the limit, saying how big it is', async () => {
    const bytes = arrowFile(50);
    const { context } = contextOf('big.arrow', bytes);
    const viewer = new TableViewer({ context, trans });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'large');
    expect(summary(viewer)).toMatch(/^This file is [\d.]+ KiB; reading it as a table takes several times that in memory\.$/);
    expect(loadAnyway(viewer).hidden).toBe(false);
    loadAnyway(viewer).click();
    await settled(viewer, 'ready');
    expect(viewer.node.dataset).toMatchObject({ rows: '50', columns: '2' });
    expect(viewer.model?.data('body', 49, 1)).toBe('storm 49');
    viewer.dispose();
  });

  it('gives the exact size of a file whose base64 ends in padding', async () => {
    const { context } = contextOf('two.csv', new TextEncoder().encode('id,name\n7,Ana\n8,Bo\n')); // 19 bytes: base64 ends in '=='
    const viewer = new TableViewer({ context, trans });
    Widget.attach(viewer, document.body);
    await settled(viewer, 'ready');
    expect(summary(viewer)).toBe('2 rows × 2 columns · 19 B · read-only');
    viewer.dispose();
  });

  it('says why a file cannot be read', async () => {
    const { context } = contextOf('broken.parquet', new TextEncoder().encode('PAR1 but not really PAR1'));
    const viewer = new TableViewer({ context, trans });
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
    const { context, clearUndoHistory } = contextOf('late.arrow', arrowFile(3));
    (context as unknown as { ready: PromiseLike<void> }).ready = {
      then: (onReady, onFailed) => {
        const reaction = documentReady.then(onReady, onFailed);
        reactions.push(reaction);
        return reaction;
      }
    } as PromiseLike<void>;
    const viewer = new TableViewer({ context, trans });
    viewer.dispose();
    ready();
    await Promise.all(reactions);
    expect(reactions).toHaveLength(1);
    expect(loads).toEqual([]);
    expect(clearUndoHistory).not.toHaveBeenCalled();
  });
});
