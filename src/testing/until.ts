/** Test helper: wait for a model (anything with a `changed` signal) to reach a state. */
import type { ISignal } from '@lumino/signaling';

/**
 * Resolves when `done` holds: at once, or after the model emits `changed`.
 * @param model - the model.
 * @param done - the state waited for.
 * @param timeout - milliseconds before the test fails.
 * @returns when it got there.
 */
export function until(model: { readonly changed: ISignal<unknown, void> }, done: () => boolean, timeout = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => reject(new Error('the model never got there')), timeout);
    const slot = () => {
      if (done()) {
        clearTimeout(timer);
        model.changed.disconnect(slot);
        resolve();
      }
    };
    model.changed.connect(slot);
  });
}
