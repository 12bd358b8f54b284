/**
 * For widget specs: a fresh `<div>` in the document with a React root for each test, unmounted
 * and removed after it. Call once in a `describe` (or at the top of a file):
 * `const view = reactHostPerTest();` then `act(() => view.root.render(<X />))` and `view.host`.
 */
import { act } from 'react';
import { createRoot, Root } from 'react-dom/client';

// Tell React that tests wrap their updates in act(), so it does not warn about them.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** The current test's host element and React root. */
export interface IReactHost {
  readonly host: HTMLDivElement;
  readonly root: Root;
}

/**
 * Registers the `beforeEach` and `afterEach` that give every test of the enclosing block its own
 * host and root.
 * @returns the current test's host and root (read them inside a test, not at definition time).
 */
export function reactHostPerTest(): IReactHost {
  let current: { host: HTMLDivElement; root: Root } | null = null;
  const now = () => {
    if (!current) {
      throw new Error('reactHostPerTest: read the host inside a test');
    }
    return current;
  };
  beforeEach(() => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    current = { host, root: createRoot(host) };
  });
  afterEach(() => {
    const { host, root } = now();
    act(() => root.unmount());
    host.remove();
    current = null;
  });
  return {
    get host() {
      return now().host;
    },
    get root() {
      return now().root;
    }
  };
}
