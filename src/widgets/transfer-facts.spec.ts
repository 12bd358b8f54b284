/** What a transfer row says about speed and time, running and finished. */
import type { ITransfer } from '../tokens/transfers';
import { testTrans as trans } from '../testing/translation';
import { transferSeconds, transferTiming } from './transfer-facts';

function transfer(fields: Partial<ITransfer>): ITransfer {
  return {
    id: 1,
    direction: 'upload',
    label: 'a.csv',
    detail: '',
    destination: 's3://b/a.csv',
    state: 'running',
    transferredBytes: 0,
    totalBytes: 0,
    rate: 0,
    eta: null,
    startedAt: null,
    finishedAt: null,
    error: null,
    retryable: true,
    items: null,
    children: [],
    ...fields
  };
}

describe('transferTiming', () => {
  it('says the current rate and time left of a running transfer, the rate alone when the end is unknown', () => {
    expect(transferTiming(transfer({ rate: 2 * 1024 * 1024, eta: 3 }), trans)).toBe('2.0 MiB/s · 3 s left');
    expect(transferTiming(transfer({ rate: 2 * 1024 * 1024, eta: null }), trans)).toBe('2.0 MiB/s');
    expect(transferTiming(transfer({ rate: 0 }), trans)).toBe('');
  });

  it('says how long a finished transfer took and its average rate', () => {
    const done = transfer({ state: 'done', transferredBytes: 6 * 1024 * 1024, startedAt: 10_000, finishedAt: 14_000 });
    expect(transferSeconds(done)).toBe(4);
    expect(transferTiming(done, trans)).toBe('in 4 s · 1.5 MiB/s on average');
    // Too short for a rate to mean anything.
    expect(transferTiming(transfer({ state: 'done', transferredBytes: 10, startedAt: 0, finishedAt: 20 }), trans)).toBe('in under 0.1 s');
    // Failed, or never started: nothing to say.
    expect(transferTiming(transfer({ state: 'failed', startedAt: 0, finishedAt: 5000 }), trans)).toBe('');
    expect(transferTiming(transfer({ state: 'done' }), trans)).toBe('');
  });
});
