/**
 * Node's own AbortController and listener counts, for tests about abort listeners.
 *
 * jest's jsdom environment replaces the global `AbortController` with jsdom's, which Node's
 * `events.getEventListeners` cannot count and which never prints `MaxListenersExceededWarning`;
 * the CLI runs with Node's. `vm.runInThisContext` evaluates in Node's own global context.
 */
import { getEventListeners } from 'events';
import * as vm from 'vm';

/** A Node AbortController whose `abort` listeners a test can count. */
export interface CountedAbort {
  controller: AbortController;
  /** The `abort` listeners on the signal now. */
  listeners(): number;
  /** The most `abort` listeners the signal held at once so far. */
  peak(): number;
}

/**
 * A Node AbortController (not jsdom's), recording how many `abort` listeners its signal held at once.
 * @returns the controller and its counters.
 */
export function countedAbort(): CountedAbort {
  const NodeAbortController = vm.runInThisContext('AbortController') as typeof AbortController;
  const controller = new NodeAbortController();
  const signal = controller.signal;
  const listeners = (): number => getEventListeners(signal as unknown as EventTarget, 'abort').length;
  let peak = 0;
  const add = signal.addEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<AbortSignal['addEventListener']>) => {
    add(...args);
    peak = Math.max(peak, listeners());
  }) as AbortSignal['addEventListener'];
  return { controller, listeners, peak: () => peak };
}
