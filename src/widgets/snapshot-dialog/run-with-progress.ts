/** Long snapshot work (a restore, a plan) in a modal dialog with progress and Cancel. */
import { Dialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { isCancelled } from './is-cancelled';
import { ProgressState } from './ProgressState';
import { SnapshotProgressBody } from './SnapshotProgressBody';

/**
 * Run long work in a modal dialog with progress and Cancel.
 * @param options - the title, the work, translations.
 * @returns the work's result, or what it threw (a cancellation included).
 */
export async function runWithProgress<R>(options: {
  trans: TranslationBundle;
  title: string;
  /** The dialog's heading line. */
  heading: string;
  work: (signal: AbortSignal, onProgress: (report: unknown) => void) => Promise<R>;
}): Promise<{ ok: true; value: R; cancelRequested: boolean } | { ok: false; error: unknown; cancelled: boolean }> {
  const { trans } = options;
  const state = new ProgressState();
  const abort = new AbortController();
  const dialog = new Dialog({
    title: options.title,
    body: new SnapshotProgressBody({ trans, state, title: options.heading }),
    buttons: [Dialog.cancelButton({ label: trans.__('Cancel'), className: 'jp-helium-snapshot-cancel' })],
    hasClose: false
  });
  let settled = false;
  const shown = dialog.launch();
  const running = options.work(abort.signal, report => state.set(report));
  const outcome = running.then(
    value => ({ ok: true as const, value }),
    error => ({ ok: false as const, error })
  );
  void outcome.then(() => {
    settled = true;
    dialog.resolve(0);
  });
  await shown.catch(() => undefined);
  const cancelRequested = !settled;
  if (cancelRequested) {
    abort.abort();
  }
  const result = await outcome;
  Signal.clearData(state);
  return result.ok
    ? { ok: true, value: result.value, cancelRequested }
    : { ok: false, error: result.error, cancelled: isCancelled(result.error, abort.signal) };
}
