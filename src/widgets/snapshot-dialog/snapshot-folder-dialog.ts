/**
 * The "Snapshot folder…" dialog: a form (message, package name, optional metadata JSON, each
 * checked as the user types), then progress with Cancel while objects are listed and hashed, then
 * the result: the top hash and a ready-to-run quilt3 snippet, each with a Copy button, or the
 * error with a way back to the form. Also the small progress dialog of other long snapshot work
 * (restoring a folder).
 *
 * Every text a user sees is rendered by React (escaped): folder names, messages and metadata are
 * attacker-controlled.
 */
import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { formProblems, hasProblems, ISnapshotFormChecks, ISnapshotFormValues, ISnapshotFormWorkflows } from './form-values';
import { runWithProgress } from './run-with-progress';
import { SnapshotErrorBody } from './SnapshotErrorBody';
import { SnapshotForm } from './SnapshotForm';
import { SnapshotResultBody } from './SnapshotResultBody';

/** What {@link snapshotFolderDialog} needs. */
export interface ISnapshotDialogOptions<R extends { topHash: string; name: string }> {
  trans: TranslationBundle;
  /** `s3://bucket/folder/`. */
  uri: string;
  bucket: string;
  /** The form's first values (the default package name). */
  initial: ISnapshotFormValues;
  checks: ISnapshotFormChecks;
  /** Take the snapshot. */
  run: (values: ISnapshotFormValues, signal: AbortSignal, onProgress: (report: unknown) => void) => Promise<R>;
  /** The quilt3 snippet of a result. */
  snippet: (result: R) => Promise<string> | string;
  /** The notebook the form offers to record lineage from, if any. */
  lineageNotebook?: string;
  /** The bucket's Quilt workflows (the form's Workflow field), if it has a config. */
  workflows?: ISnapshotFormWorkflows;
  /** *Pin to Notebook* on the result, offered while `available()` (a notebook is open). */
  pin?: { available(): boolean; run(result: R): void };
}

/**
 * The whole "Snapshot folder…" flow: form → progress → result (or error → back to the form).
 * @param options - the folder, checks and the work.
 * @returns the result, or null when the user cancelled.
 */
export async function snapshotFolderDialog<
  R extends {
    topHash: string;
    name: string;
    entries?: number;
    bytes?: number;
    leftOut?: readonly { key: string; reason: string }[];
    workflow?: { id: string | null };
  }
>(options: ISnapshotDialogOptions<R>): Promise<R | null> {
  const { trans } = options;
  let values = options.initial;
  for (;;) {
    const form = new SnapshotForm({
      trans,
      uri: options.uri,
      values,
      checks: options.checks,
      lineageNotebook: options.lineageNotebook,
      workflows: options.workflows
    });
    const answer = await showDialog({
      title: trans.__('Snapshot Folder'),
      body: form,
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Snapshot'), className: 'jp-helium-snapshot-ok' })],
      focusNodeSelector: '.jp-helium-snapshot-message-input'
    });
    if (!answer.button.accept || !answer.value) {
      return null;
    }
    values = answer.value;
    const problems = formProblems(values, options.checks, trans);
    if (hasProblems(problems)) {
      continue; // back to the form, with the text as typed (its problems shown)
    }
    values = { ...values, name: values.name.trim() };
    const outcome = await runWithProgress({
      trans,
      title: trans.__('Snapshot Folder'),
      heading: trans.__('Snapshotting %1 as %2', options.uri, values.name),
      work: (signal, onProgress) => options.run(values, signal, onProgress)
    });
    if (outcome.ok) {
      const result = outcome.value;
      const snippet = await options.snippet(result);
      const pinClass = 'jp-helium-snapshot-pin';
      const pin = options.pin?.available() ? [Dialog.createButton({ label: trans.__('Pin to Notebook'), className: pinClass })] : [];
      const closed = await showDialog({
        title: trans.__('Snapshot Recorded'),
        body: new SnapshotResultBody({
          trans,
          result: {
            topHash: result.topHash,
            name: result.name,
            bucket: options.bucket,
            entries: result.entries,
            bytes: result.bytes,
            snippet,
            leftOut: result.leftOut,
            workflow: result.workflow?.id
          },
          note: outcome.cancelRequested ? trans.__('The snapshot was complete before Cancel took effect.') : undefined
        }),
        buttons: [...pin, Dialog.okButton({ label: trans.__('Close') })]
      });
      if (closed.button.className.includes(pinClass)) {
        options.pin?.run(result);
      }
      return result;
    }
    if (outcome.cancelled) {
      Notification.info(trans.__('Snapshot cancelled: no snapshot of %1 was recorded.', options.uri), { autoClose: 5000 });
      return null;
    }
    const err = outcome.error as { message?: string; kind?: string; hint?: string };
    const again = await showDialog({
      title: trans.__('Could not snapshot %1', options.uri),
      body: new SnapshotErrorBody({ message: err?.message ?? String(outcome.error), kind: err?.kind, hint: err?.hint }),
      buttons: [Dialog.cancelButton({ label: trans.__('Close') }), Dialog.okButton({ label: trans.__('Edit and Retry') })]
    });
    if (!again.button.accept) {
      return null;
    }
  }
}
