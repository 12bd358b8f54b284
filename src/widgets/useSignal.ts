/** A React hook that re-renders a component whenever a Lumino signal fires. */
import { useEffect, useReducer } from 'react';
import type { ISignal } from '@lumino/signaling';

/**
 * Re-render on every emission, or at most once per `throttleMs` (the last emission is never
 * dropped) for signals that fire on every progress tick.
 */
export function useSignal<T>(signal: ISignal<T, unknown>, throttleMs = 0): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const slot = () => {
      if (!throttleMs) {
        bump();
        return;
      }
      const wait = last + throttleMs - Date.now();
      if (wait <= 0) {
        last = Date.now();
        bump();
      } else if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          last = Date.now();
          bump();
        }, wait);
      }
    };
    signal.connect(slot);
    return () => {
      signal.disconnect(slot);
      if (timer) {
        clearTimeout(timer);
      }
    };
  }, [signal, throttleMs]);
}
