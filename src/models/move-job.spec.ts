import type { MoveProgress, MoveResult } from '../service/move';
import { queueMoveJob } from './move-job';
import { TransfersModel } from './transfers';

const result: MoveResult = { moved: [{ from: 'a/x', to: 'b/x' }], bytes: 10, sourceVersioning: 'Enabled', historyNote: null };

/** A job the test finishes by hand, recording its progress callback and signal. */
function job(label: string) {
  const state: { progress?: (p: MoveProgress) => void; signal?: AbortSignal; finish?: () => void; started: number } = { started: 0 };
  return {
    state,
    spec: {
      kind: 'copy' as const,
      label,
      detail: 's3://a/ → s3://b/',
      run: (onProgress: (p: MoveProgress) => void, signal: AbortSignal) => {
        state.started++;
        state.progress = onProgress;
        state.signal = signal;
        return new Promise<MoveResult>((resolve, reject) => {
          state.finish = () => resolve(result);
          signal.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { kind: 'Cancelled' })));
        });
      }
    }
  };
}

const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('queueMoveJob', () => {
  it('shows the job as a transfer with object counts, and resolves with the engine result', async () => {
    const model = new TransfersModel();
    const j = job('Copying data/');
    const done = queueMoveJob(j.spec, model, 'never');
    await tick();
    const [row] = model.transfers;
    expect(row.direction).toBe('copy');
    j.state.progress!({ objectsDone: 2, objectsTotal: 3, bytesDone: 20, bytesTotal: 30 });
    expect(row.items).toEqual({ done: 2, total: 3 });
    expect(row.transferredBytes).toBe(20);
    j.state.finish!();
    await expect(done).resolves.toBe(result);
    expect(row.state).toBe('done');
  });

  it('Cancel aborts a running job; a job cancelled while queued is rejected without running', async () => {
    const model = new TransfersModel({ parallelFiles: 1 });
    const first = job('Moving a/');
    const second = job('Moving b/');
    const running = queueMoveJob(first.spec, model, 'never');
    const queued = queueMoveJob(second.spec, model, 'Cancelled before it started: nothing changed.');
    await tick();
    const [secondRow, firstRow] = model.transfers;
    model.cancel(secondRow.id);
    await expect(queued).rejects.toMatchObject({ kind: 'Cancelled', message: 'Cancelled before it started: nothing changed.' });
    expect(second.state.started).toBe(0);
    model.cancel(firstRow.id);
    await expect(running).rejects.toMatchObject({ kind: 'Cancelled' });
    expect(first.state.signal!.aborted).toBe(true);
    await model.idle();
    expect(firstRow.state).toBe('cancelled');
    expect(second.state.started).toBe(0);
  });
});
