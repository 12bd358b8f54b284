/** A React hook that re-renders a component whenever a Lumino signal fires. */
import { useEffect, useReducer } from 'react';
import type { ISignal } from '@lumino/signaling';

export function useSignal<T>(signal: ISignal<T, unknown>): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const slot = () => bump();
    signal.connect(slot);
    return () => {
      signal.disconnect(slot);
    };
  }, [signal]);
}
