/**
 * Tests of loading tables in a worker: the page ⇄ worker protocol with the worker's real handler
 * run in-process behind a fake `Worker` (jsdom has none; the real worker runs in the galata
 * test of the CSV diff), the fallback to the page when a worker cannot start, errors and cancel.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Dictionary, Int32, Int64, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { MessageChannel, receiveMessageOnPort } from 'worker_threads';
import { HeliumError } from '../../service/error-class';
import { decodeTable, encodeTable, errorFromMessage, errorToMessage, transferable } from '../../service/diff/table-message';
import type { TableLoadRequest } from '../../service/diff/table-message';
import { answerTableLoad } from '../../workers/table-load-handler';
import { loadTableOffThread, loadTablePair } from './table-load-client';
import { startTableWorker } from './table-worker-start';

/**
 * What a browser's postMessage does to a message: a structured clone, with the transferred
 * buffers detached on the sender's side (jsdom has no structuredClone; Node's MessagePort does this).
 */
function cloneWithTransfer<T>(message: T, transfer: ArrayBuffer[]): T {
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage(message, transfer);
    return receiveMessageOnPort(port2)!.message as T;
  } finally {
    port1.close();
    port2.close();
  }
}

jest.mock('./table-worker-start', () => ({ startTableWorker: jest.fn() }));
const startWorker = startTableWorker as jest.MockedFunction<typeof startTableWorker>;

type Behaviour = 'works' | 'fails-to-start' | 'never-answers' | 'crashes-after-ready';

/** A stand-in for a Worker running src/workers/table-load.worker.ts. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  received: TableLoadRequest[] = [];
  transferred: ArrayBuffer[] = [];

  constructor(private behaviour: Behaviour) {
    setTimeout(() => {
      if (this.behaviour === 'fails-to-start') {
        this.onerror?.({ message: 'script failed', preventDefault: () => undefined } as unknown as ErrorEvent);
      } else {
        this.onmessage?.({ data: { ready: true } } as MessageEvent);
      }
    }, 0);
  }

  postMessage(message: TableLoadRequest, transfer: ArrayBuffer[]): void {
    // As a browser does: the worker gets a clone, and the transferred buffers are detached here
    // (a buffer already detached cannot be sent: DataCloneError).
    const request = cloneWithTransfer(message, transfer);
    this.received.push(request);
    this.transferred.push(...transfer);
    if (this.behaviour === 'works') {
      void answerTableLoad(request).then(data => !this.terminated && this.onmessage?.({ data } as MessageEvent));
    } else if (this.behaviour === 'crashes-after-ready') {
      setTimeout(() => this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as unknown as ErrorEvent), 0);
    }
  }

  terminate(): void {
    this.terminated = true;
  }
}

function useWorker(behaviour: Behaviour): FakeWorker {
  const worker = new FakeWorker(behaviour);
  startWorker.mockReturnValue(worker as unknown as Worker);
  return worker;
}

const csv = (text: string) => new TextEncoder().encode(text);

afterEach(() => startWorker.mockReset());

describe('loadTableOffThread', () => {
  it('moves the bytes to the worker once it is ready and returns its table', async () => {
    const worker = useWorker('works');
    const bytes = csv('id,name,score\n1,ada,1.5\n2,bob,\n');
    const table = await loadTableOffThread(bytes, 'people.csv', 'text/csv');
    expect(table.numRows).toBe(2);
    expect(table.schema.fields.map(f => `${f.name}:${f.type}`)).toEqual(['id:Int64', 'name:Utf8', 'score:Float64']);
    expect(table.getChild('name')?.toArray()).toEqual(['ada', 'bob']);
    expect(table.getChild('score')?.get(1)).toBeNull();
    expect(worker.received.map(r => r.key)).toEqual(['people.csv']);
    expect(worker.transferred).toEqual([bytes.buffer]);
    expect(bytes.byteLength).toBe(0); // moved, not copied
    expect(worker.terminated).toBe(true);
  });

  it('loads on the page when the worker does not start, with the bytes intact', async () => {
    const worker = useWorker('fails-to-start');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const table = await loadTableOffThread(csv('a,b\n1,x\n'), 'x.csv');
    expect(worker.received).toEqual([]);
    expect(table.numRows).toBe(1);
    expect(table.getChild('b')?.get(0)).toBe('x');
    expect(warn).toHaveBeenCalled();
    expect(worker.terminated).toBe(true);
    warn.mockRestore();
  });

  it('fails with a clear error when the worker dies after taking the bytes', async () => {
    const worker = useWorker('crashes-after-ready');
    const err = await loadTableOffThread(csv('a\n1\n'), 'big.csv').catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect((err as HeliumError).code).toBe('WorkerFailed');
    expect((err as HeliumError).message).toBe('Reading big.csv failed in its worker: out of memory');
    expect(worker.terminated).toBe(true);
  });

  it('fails, rather than hangs, when the bytes cannot be handed over', async () => {
    useWorker('works');
    const bytes = csv('a\n1\n');
    cloneWithTransfer(bytes.buffer, [bytes.buffer]); // detached, as if sent elsewhere
    const err = await loadTableOffThread(bytes, 'gone.csv').catch(e => e);
    expect((err as HeliumError).code).toBe('WorkerFailed');
  });

  it('loads on the page where there are no workers', async () => {
    startWorker.mockReturnValue(undefined);
    const table = await loadTableOffThread(csv('a\n1\n2\n3\n'), 'x.csv');
    expect(table.numRows).toBe(3);
  });

  it("gives the worker's error as the HeliumError it was", async () => {
    useWorker('works');
    const err = await loadTableOffThread(csv('just text'), 'notes.txt').catch(e => e);
    expect(err).toBeInstanceOf(HeliumError);
    expect((err as HeliumError).kind).toBe('InvalidInput');
    expect((err as HeliumError).code).toBe('UnsupportedTable');
    expect((err as HeliumError).message).toMatch(/notes\.txt is not a table/);
  });

  it('stops the worker when cancelled', async () => {
    const worker = useWorker('never-answers');
    const controller = new AbortController();
    const pending = loadTableOffThread(csv('a\n1\n'), 'x.csv', undefined, controller.signal);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(worker.received).toHaveLength(1);
    controller.abort();
    const err = await pending.catch(e => e);
    expect((err as HeliumError).kind).toBe('Cancelled');
    expect(worker.terminated).toBe(true);
  });

  it('refuses at once when already cancelled, starting no worker', async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await loadTableOffThread(csv('a\n1\n'), 'x.csv', undefined, controller.signal).catch(e => e);
    expect((err as HeliumError).kind).toBe('Cancelled');
    expect(startWorker).not.toHaveBeenCalled();
  });
});

describe('loadTablePair', () => {
  it('loads both sides, each in its own worker', async () => {
    const workers = [new FakeWorker('works'), new FakeWorker('works')];
    startWorker.mockReturnValueOnce(workers[0] as unknown as Worker).mockReturnValueOnce(workers[1] as unknown as Worker);
    const [a, b] = await loadTablePair({ bytes: csv('k\n1\n'), key: 'a.csv' }, { bytes: csv('k\n1\n2\n'), key: 'b.csv' });
    expect([a.numRows, b.numRows]).toEqual([1, 2]);
    expect(workers.map(w => w.received.map(r => r.key))).toEqual([['a.csv'], ['b.csv']]);
  });

  it("stops the other side's worker when one side fails, and throws that failure", async () => {
    const failing = new FakeWorker('works');
    const slow = new FakeWorker('never-answers');
    startWorker.mockReturnValueOnce(failing as unknown as Worker).mockReturnValueOnce(slow as unknown as Worker);
    const err = await loadTablePair({ bytes: csv('x'), key: 'notes.txt' }, { bytes: csv('k\n1\n'), key: 'b.csv' }).catch(e => e);
    expect((err as HeliumError).code).toBe('UnsupportedTable');
    expect(slow.terminated).toBe(true);
  });
});

describe('the table messages', () => {
  it('keep every type and the schema metadata through the IPC stream', async () => {
    const table = new Table({
      big: vectorFromArray([2n ** 60n, null, -1n], new Int64()),
      when: vectorFromArray([Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 30), null], new TimestampMillisecond('Europe/Paris')),
      kind: vectorFromArray(['a', 'b', 'a'], new Dictionary(new Utf8(), new Int32()))
    });
    table.schema.metadata.set('pandas', '{"index_columns": []}');
    const back = await decodeTable(await encodeTable(table));
    expect(String(back.schema)).toBe(String(table.schema));
    expect(back.schema.metadata.get('pandas')).toBe('{"index_columns": []}');
    expect(back.getChild('big')?.toArray()).toEqual(table.getChild('big')?.toArray());
    expect(back.getChild('when')?.get(1)).toBe(Date.UTC(2024, 5, 30));
    expect(back.getChild('kind')?.get(2)).toBe('a');
  });

  it('carry an error as data and back', () => {
    const original = new HeliumError('InvalidInput', 'Bad CSV on row 3.', { code: 'Unreadable' });
    const back = errorFromMessage(errorToMessage(original, 'x.csv'));
    expect(back).toBeInstanceOf(HeliumError);
    expect([back.kind, back.message, back.code]).toEqual(['InvalidInput', 'Bad CSV on row 3.', 'Unreadable']);
    expect(errorToMessage(new TypeError('boom'), 'a.parquet')).toEqual({
      kind: 'Unknown',
      message: 'a.parquet could not be read as a table: boom',
      // Its parts, for the page to word it in its language (widgets/table-error-text.ts).
      code: 'TableLoadFailed',
      params: { what: 'a.parquet', reason: 'boom' }
    });
  });

  it('transfer a whole buffer as is and copy a view into a larger one', () => {
    const whole = new Uint8Array([1, 2, 3]);
    expect(transferable(whole)).toBe(whole);
    const view = new Uint8Array(new ArrayBuffer(8), 2, 3);
    view.set([7, 8, 9]);
    const copy = transferable(view);
    expect(copy).not.toBe(view);
    expect(copy.buffer.byteLength).toBe(3);
    expect(Array.from(copy)).toEqual([7, 8, 9]);
  });
});
