/**
 * How the snapshot commands report what went wrong (part of the snapshots plugin in
 * `snapshots.ts`): an error dialog with the engine's message.
 */
import { showErrorMessage } from '@jupyterlab/apputils';

/**
 * An error handler that shows what went wrong.
 * @param title - the title of the error dialog.
 * @returns a handler for the error.
 */
export function fail(title: string): (err: unknown) => void {
  return (err: unknown) => void showErrorMessage(title, (err as Error).message ?? String(err));
}
