import { ITransfer, ITransferSpec, TransfersModel } from './transfers';

/** A task the test drives by hand: report progress, then finish or fail. */
function controllable(total: number) {
  let report: (done: number, total: number) => void = () => undefined;
  let finish: (value?: { skipped?: boolean }) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  let signal: AbortSignal | null = null;
  let started = 0;
  const spec: ITransferSpec = {
    direction: 'upload',
    label: 'file',
    detail: 'a → b',
    totalBytes: total,
    task: (onProgress, s) => {
      started++;
      report = onProgress;
      signal = s;
      return new Promise((resolve, reject) => {
        finish = v => resolve(v);
        fail = reject;
        s.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { kind: 'Cancelled' })));
      });
    }
  };
  return {
    spec,
    progress: (done: number) => report(done, total),
    finish: (v?: { skipped?: boolean }) => finish(v),
    fail: (msg: string) => fail(new Error(msg)),
    get signal() {
      return signal;
    },
    get started() {
      return started;
    }
  };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('TransfersModel', () => {
  it('tracks bytes, rate and ETA from progress over time', async () => {
    let now = 0;
    const model = new TransfersModel({ now: () => now });
    const t = controllable(1000);
    const transfer = model.add(t.spec);
    await tick();
    expect(transfer.state).toBe('running');
    now = 1000;
    t.progress(200);
    now = 2000;
    t.progress(400);
    expect(transfer.transferredBytes).toBe(400);
    expect(transfer.rate).toBeCloseTo(200); // 400 bytes over 2 s
    expect(transfer.eta).toBeCloseTo(3); // 600 left at 200 B/s
    expect(model.overallProgress).toBeCloseTo(0.4);
    t.finish();
    await model.idle();
    expect(transfer.state).toBe('done');
    expect(transfer.transferredBytes).toBe(1000);
    expect(model.active).toHaveLength(0);
    expect(model.overallProgress).toBeNull();
  });

  it('runs a bounded number of files at once', async () => {
    const model = new TransfersModel({ parallelFiles: 2 });
    const tasks = [controllable(1), controllable(1), controllable(1)];
    tasks.forEach(t => model.add(t.spec));
    await tick();
    expect(tasks.map(t => t.started)).toEqual([1, 1, 0]);
    tasks[0].finish();
    await tick();
    await tick();
    expect(tasks[2].started).toBe(1);
    tasks[1].finish();
    tasks[2].finish();
    await model.idle();
  });

  it('cancels a running transfer through its signal, and retries it', async () => {
    const model = new TransfersModel();
    const t = controllable(10);
    const transfer = model.add(t.spec);
    await tick();
    model.cancel(transfer.id);
    await model.idle();
    expect(t.signal?.aborted).toBe(true);
    expect(transfer.state).toBe('cancelled');
    expect(transfer.error).toBeNull();
    model.retry(transfer.id);
    await tick();
    expect(t.started).toBe(2);
    expect(transfer.state).toBe('running');
    t.finish({ skipped: true });
    await model.idle();
    expect(transfer.state).toBe('skipped');
  });

  it('keeps the error message of a failed transfer', async () => {
    const model = new TransfersModel();
    const t = controllable(10);
    const transfer = model.add(t.spec);
    await tick();
    t.fail('Access denied to s3://b/k.');
    await model.idle();
    expect(transfer.state).toBe('failed');
    expect(transfer.error).toBe('Access denied to s3://b/k.');
  });

  it('shows a folder as one row whose state and bytes come from its files', async () => {
    const model = new TransfersModel({ parallelFiles: 5 });
    const files = [controllable(100), controllable(300)];
    const done: ITransfer[] = [];
    model.fileDone.connect((_, t) => done.push(t));
    const folder = model.addGroup({ direction: 'upload', label: 'data/', detail: 'x', files: files.map(f => f.spec) });
    await tick();
    expect(model.transfers).toHaveLength(1);
    expect(folder.children).toHaveLength(2);
    expect(folder.totalBytes).toBe(400);
    files[0].progress(100);
    files[0].finish();
    files[1].fail('Network');
    await model.idle();
    expect(folder.state).toBe('failed');
    expect(done).toHaveLength(1);
    model.retry(folder.id);
    await tick();
    expect(files[1].started).toBe(2);
    expect(files[0].started).toBe(1); // the finished file is not sent again
    files[1].finish();
    await model.idle();
    expect(folder.state).toBe('done');
    model.clearFinished();
    expect(model.transfers).toHaveLength(0);
  });

  it('cancels queued files of a folder without starting them', async () => {
    const model = new TransfersModel({ parallelFiles: 1 });
    const files = [controllable(1), controllable(1), controllable(1)];
    const folder = model.addGroup({ direction: 'download', label: 'f/', detail: 'x', files: files.map(f => f.spec) });
    await tick();
    model.cancel(folder.id);
    await model.idle();
    expect(files.map(f => f.started)).toEqual([1, 0, 0]);
    expect(folder.children.map(c => c.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('a copy job counts its objects, and is not retried when it says so', async () => {
    const model = new TransfersModel();
    let report: (done: number, total: number, items?: { done: number; total: number }) => void = () => undefined;
    let started = 0;
    let fail: (err: Error) => void = () => undefined;
    const transfer = model.add({
      direction: 'copy',
      label: 'Copying data/',
      detail: 's3://a/data/ → s3://b/data/',
      retryable: false,
      task: onProgress => {
        started++;
        report = onProgress;
        return new Promise((_, reject) => (fail = reject));
      }
    });
    await tick();
    expect(transfer.items).toBeNull();
    report(100, 400, { done: 1, total: 3 });
    expect(transfer.items).toEqual({ done: 1, total: 3 });
    expect(transfer.totalBytes).toBe(400);
    fail(new Error('Access denied to s3://b/data/x.'));
    await model.idle();
    expect(transfer.state).toBe('failed');
    expect(transfer.retryable).toBe(false);
    model.retry(transfer.id);
    await tick();
    expect(started).toBe(1);
    expect(transfer.state).toBe('failed');
  });

  it('keeps where a transfer goes and when it started and finished (a folder: first start, last end)', async () => {
    let now = 1000;
    const model = new TransfersModel({ now: () => now, parallelFiles: 1 });
    const a = controllable(100);
    const b = controllable(100);
    const one = controllable(10);
    const single = model.add({ ...one.spec, destination: 's3://b/one.csv' });
    expect(single.destination).toBe('s3://b/one.csv');
    await tick();
    expect([single.startedAt, single.finishedAt]).toEqual([1000, null]);
    now = 1500;
    one.finish();
    await model.idle();
    expect(single.finishedAt).toBe(1500);
    now = 1000;
    const folder = model.addGroup({
      direction: 'upload',
      label: 'data/',
      detail: 'data/ → s3://b/data/',
      destination: 's3://b/data/',
      files: [a.spec, b.spec]
    });
    expect(folder.destination).toBe('s3://b/data/');
    expect(folder.children[1].startedAt).toBeNull(); // queued behind the first (one file at a time)
    await tick();
    expect(folder.startedAt).toBe(1000);
    now = 3000;
    a.finish();
    await tick();
    await tick();
    expect(folder.finishedAt).toBeNull(); // b still runs
    now = 5000;
    b.finish();
    await model.idle();
    expect(folder.startedAt).toBe(1000);
    expect(folder.finishedAt).toBe(5000);
    // Without a destination the row has none to show.
    expect(model.addGroup({ direction: 'upload', label: 'x/', detail: '', files: [] }).destination).toBe('');
  });
});
