/**
 * Short-lived abort signals derived from a long-lived one.
 *
 * Why: whoever is handed a signal may add an `abort` listener to it: the AWS SDK adds one per
 * request (its retry middleware, and the HTTP handler until the response body is done), fetch
 * adds one per request (undici removes it only when the request is garbage-collected), and our
 * retries add one per backoff wait. A long-lived signal (a command's Ctrl-C, a transfer's cancel)
 * shared by many requests in flight collects those listeners, and Node warns once it holds more
 * than ten (`MaxListenersExceededWarning: Possible EventTarget memory leak detected`). So each
 * request gets a signal of its own from {@link deriveSignal}: the parent holds ONE listener for
 * all of its derived signals while any of them is in use, and none once all are released.
 */

/** The derived signals of one parent and the one listener that aborts them. */
interface Fanout {
  readonly children: Set<AbortController>;
  readonly onAbort: () => void;
}

/** The parents that have derived signals in use. */
const fanouts = new WeakMap<AbortSignal, Fanout>();

/** A signal of its own for one piece of work, aborted when its parent is. */
export interface DerivedSignal {
  /** Aborted when the parent is, or by {@link DerivedSignal.abort}. */
  readonly signal: AbortSignal;
  /**
   * Abort this signal alone (the parent is not touched).
   * @param reason - the abort reason.
   */
  abort(reason?: unknown): void;
  /**
   * Stop following the parent: call it once the work is done (more calls do nothing). The
   * parent's listener goes away with the last derived signal released.
   */
  release(): void;
}

/**
 * Derive a signal from `parent`: aborted (with the parent's reason) when the parent is. However
 * many are derived and in use at once, the parent holds a single `abort` listener for them all;
 * after every one is released it holds none of ours.
 * @param parent - the long-lived signal (none: the derived signal is aborted only by its own `abort`).
 * @returns the derived signal, its own `abort`, and `release`.
 */
export function deriveSignal(parent: AbortSignal | undefined): DerivedSignal {
  const controller = new AbortController();
  const own = {
    signal: controller.signal,
    abort: (reason?: unknown) => controller.abort(reason)
  };
  if (!parent) {
    return { ...own, release: () => undefined };
  }
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { ...own, release: () => undefined };
  }
  const fanout = fanouts.get(parent) ?? follow(parent);
  fanout.children.add(controller);
  return {
    ...own,
    release: () => {
      if (fanout.children.delete(controller) && fanout.children.size === 0) {
        parent.removeEventListener('abort', fanout.onAbort);
        fanouts.delete(parent);
      }
    }
  };
}

/**
 * Start following a parent: one listener that aborts every derived signal in use.
 * @param parent - the signal (not aborted).
 * @returns its fan-out.
 */
function follow(parent: AbortSignal): Fanout {
  const children = new Set<AbortController>();
  const onAbort = (): void => {
    fanouts.delete(parent);
    const aborting = [...children];
    children.clear();
    aborting.forEach(child => child.abort(parent.reason));
  };
  const fanout: Fanout = { children, onAbort };
  fanouts.set(parent, fanout);
  parent.addEventListener('abort', onAbort, { once: true });
  return fanout;
}
