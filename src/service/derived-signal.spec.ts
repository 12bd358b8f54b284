/**
 * deriveSignal: one listener on the parent however many signals are derived, none after release.
 */
import { countedAbort } from '../testing/node-abort';
import { deriveSignal } from './derived-signal';

it('holds one listener on the parent for any number of derived signals, and none once all are released', () => {
  const parent = countedAbort();
  const derived = Array.from({ length: 50 }, () => deriveSignal(parent.controller.signal));
  expect(parent.listeners()).toBe(1);
  derived.slice(0, 49).forEach(d => d.release());
  expect(parent.listeners()).toBe(1);
  derived[49].release();
  expect(parent.listeners()).toBe(0);
  expect(parent.peak()).toBe(1);
  // Released twice, or released again after a new one: the count stays right.
  derived[0].release();
  const again = deriveSignal(parent.controller.signal);
  derived[1].release();
  expect(parent.listeners()).toBe(1);
  again.release();
  expect(parent.listeners()).toBe(0);
});

it('aborts every derived signal in use with the parent’s reason, and not the released ones', () => {
  const parent = countedAbort();
  const inUse = [deriveSignal(parent.controller.signal), deriveSignal(parent.controller.signal)];
  const released = deriveSignal(parent.controller.signal);
  released.release();
  const reason = new Error('Ctrl-C');
  parent.controller.abort(reason);
  expect(inUse.map(d => [d.signal.aborted, d.signal.reason])).toEqual([
    [true, reason],
    [true, reason]
  ]);
  expect(released.signal.aborted).toBe(false);
  expect(parent.listeners()).toBe(0);
  // Derived after the abort: aborted at once, and nothing is added to the parent.
  const late = deriveSignal(parent.controller.signal);
  expect(late.signal.reason).toBe(reason);
  expect(parent.listeners()).toBe(0);
  late.release();
  inUse.forEach(d => d.release());
});

it('aborts a derived signal alone without touching the parent or its siblings', () => {
  const parent = countedAbort();
  const one = deriveSignal(parent.controller.signal);
  const other = deriveSignal(parent.controller.signal);
  one.abort('first failure');
  expect(one.signal.reason).toBe('first failure');
  expect(other.signal.aborted).toBe(false);
  expect(parent.controller.signal.aborted).toBe(false);
  one.release();
  other.release();
  expect(parent.listeners()).toBe(0);
});

it('derives a signal of its own without a parent', () => {
  const alone = deriveSignal(undefined);
  expect(alone.signal.aborted).toBe(false);
  alone.abort('stop');
  expect(alone.signal.reason).toBe('stop');
  alone.release();
});
