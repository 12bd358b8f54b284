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
import * as React from 'react';
import { Clipboard, Dialog, Notification, ReactWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { useSignal } from './useSignal';
import { describeProgress } from './SnapshotProgress';
import { formatBytes } from './format';
import { displayKey, formatS3Uri } from '../service/uri';

/** What the form collects. */
export interface ISnapshotFormValues {
  message: string;
  /** Package name, `namespace/name`. */
  name: string;
  /** Metadata as typed (JSON), or '' for none. */
  metaText: string;
}

/** Checks of the form's fields: a message for a person when a value cannot be used, else null. */
export interface ISnapshotFormChecks {
  name(name: string): string | null;
  meta(text: string): string | null;
}

/** The problems of each field (null when fine). */
export interface ISnapshotFormProblems {
  message: string | null;
  name: string | null;
  meta: string | null;
}

/**
 * Check the form.
 * @param values - what was typed.
 * @param checks - the service's rules for names and metadata.
 * @param trans - translations.
 * @returns the problem of each field.
 */
export function formProblems(
  values: ISnapshotFormValues,
  checks: ISnapshotFormChecks,
  trans: TranslationBundle
): ISnapshotFormProblems {
  return {
    message: values.message.trim() ? null : trans.__('Say what this snapshot is (a message is required).'),
    name: checks.name(values.name.trim()),
    meta: values.metaText.trim() ? checks.meta(values.metaText) : null
  };
}

function Field(props: {
  label: string;
  hint?: string;
  problem: string | null;
  touched: boolean;
  className: string;
  children: React.ReactNode;
}): JSX.Element {
  const invalid = props.problem !== null;
  const classes = ['jp-helium-snapshot-field', props.className];
  if (invalid) {
    // The dialog disables its OK button while any element has this class.
    classes.push('jp-mod-error');
  }
  if (props.touched) {
    classes.push('jp-mod-touched');
  }
  return (
    <label className={classes.join(' ')}>
      <span className="jp-helium-snapshot-label">{props.label}</span>
      {props.children}
      {invalid && props.touched ? (
        <span className="jp-helium-snapshot-problem" role="alert">
          {props.problem}
        </span>
      ) : props.hint ? (
        <span className="jp-helium-snapshot-hint">{props.hint}</span>
      ) : null}
    </label>
  );
}

/**
 * The form's fields, each checked as the user types.
 * @param props - the folder, first values, checks, and where to report values.
 * @returns the element.
 */
export function SnapshotFormContent(props: {
  trans: TranslationBundle;
  uri: string;
  initial: ISnapshotFormValues;
  checks: ISnapshotFormChecks;
  onChange: (values: ISnapshotFormValues) => void;
  nodeRef: () => HTMLElement;
}): JSX.Element {
  const { trans } = props;
  const [values, setValues] = React.useState(props.initial);
  const [touched, setTouched] = React.useState({ message: false, name: props.initial.name !== '', meta: props.initial.metaText !== '' });
  const problems = formProblems(values, props.checks, trans);
  const invalid = Boolean(problems.message || problems.name || problems.meta);
  const set = (field: keyof ISnapshotFormValues, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    setTouched(t => ({ ...t, [field === 'metaText' ? 'meta' : field]: true }));
    props.onChange(next);
  };
  React.useLayoutEffect(() => {
    // JupyterLab's dialog re-checks `.jp-mod-error` on `input` events, before React has
    // re-rendered: tell it again once the classes are current.
    props.nodeRef().dispatchEvent(new Event('input', { bubbles: true }));
  }, [invalid]);
  return (
    <div className="jp-helium-snapshot-form" data-phase="form">
      <p className="jp-helium-snapshot-intro">
        {trans.__(
          'Records the current version of every object under %1 as a Quilt package in the same bucket (under .quilt/). Nothing is copied; quilt3 and the Quilt catalog can open it.',
          props.uri
        )}
      </p>
      <Field
        label={trans.__('Message')}
        problem={problems.message}
        touched={touched.message}
        className="jp-helium-snapshot-field-message"
      >
        <input
          type="text"
          className="jp-mod-styled jp-helium-snapshot-message-input"
          value={values.message}
          placeholder={trans.__('e.g. Cleaned 1990s tracks')}
          onChange={e => set('message', e.target.value)}
          onBlur={() => setTouched(t => ({ ...t, message: true }))}
        />
      </Field>
      <Field
        label={trans.__('Package name')}
        hint={trans.__('namespace/name; quilt3 opens the snapshot by this name.')}
        problem={problems.name}
        touched={touched.name}
        className="jp-helium-snapshot-field-name"
      >
        <input
          type="text"
          className="jp-mod-styled jp-helium-snapshot-name-input"
          value={values.name}
          spellCheck={false}
          onChange={e => set('name', e.target.value)}
          onBlur={() => setTouched(t => ({ ...t, name: true }))}
        />
      </Field>
      <Field
        label={trans.__('Metadata (optional JSON)')}
        hint={trans.__('A JSON object saved with the snapshot (user_meta), e.g. {"source": "lab 3"}.')}
        problem={problems.meta}
        touched={touched.meta}
        className="jp-helium-snapshot-field-meta"
      >
        <textarea
          className="jp-mod-styled jp-helium-snapshot-meta-input"
          value={values.metaText}
          rows={5}
          spellCheck={false}
          placeholder='{"source": "lab 3"}'
          onChange={e => set('metaText', e.target.value)}
        />
      </Field>
    </div>
  );
}

/** The form's dialog body; `getValue()` gives what was typed. */
export class SnapshotForm extends ReactWidget {
  constructor(
    private readonly _options: {
      trans: TranslationBundle;
      uri: string;
      values: ISnapshotFormValues;
      checks: ISnapshotFormChecks;
    }
  ) {
    super();
    this._values = { ..._options.values };
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'form';
  }

  getValue(): ISnapshotFormValues {
    return { ...this._values };
  }

  protected render(): JSX.Element {
    return (
      <SnapshotFormContent
        trans={this._options.trans}
        uri={this._options.uri}
        initial={this._options.values}
        checks={this._options.checks}
        onChange={values => (this._values = values)}
        nodeRef={() => this.node}
      />
    );
  }

  private _values: ISnapshotFormValues;
}

/** Progress reports of running work, as a signal for the view. */
export class ProgressState {
  readonly changed = new Signal<this, void>(this);
  get report(): unknown {
    return this._report;
  }
  set(report: unknown): void {
    this._report = report;
    this.changed.emit();
  }
  private _report: unknown = null;
}

function ProgressView(props: { trans: TranslationBundle; state: ProgressState; title: string; started: number }): JSX.Element {
  const { trans, state } = props;
  useSignal(state.changed, 100);
  const text = describeProgress(state.report, trans);
  const seconds = Math.round((Date.now() - props.started) / 1000);
  return (
    <div className="jp-helium-snapshot-progress" data-phase={text.phaseId} role="status">
      <div className="jp-helium-snapshot-progress-title">{props.title}</div>
      <div className="jp-helium-snapshot-progress-phase">{text.phase}</div>
      {text.fraction === null ? (
        <progress className="jp-helium-snapshot-progressbar" />
      ) : (
        <progress className="jp-helium-snapshot-progressbar" max={1} value={text.fraction} />
      )}
      <div className="jp-helium-snapshot-progress-detail">{text.detail}</div>
      <div className="jp-helium-muted">{trans._n('%1 second', '%1 seconds', seconds)}</div>
    </div>
  );
}

/** The body of a progress dialog. */
export class SnapshotProgressBody extends ReactWidget {
  constructor(private readonly _options: { trans: TranslationBundle; state: ProgressState; title: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'progress';
  }

  protected render(): JSX.Element {
    return <ProgressView {...this._options} started={this._started} />;
  }

  private _started = Date.now();
}

function CopyButton(props: { trans: TranslationBundle; text: string; className: string; label: string }): JSX.Element {
  const [copied, setCopied] = React.useState(false);
  return (
    <button
      type="button"
      className={`jp-mod-styled jp-helium-snapshot-copy ${props.className}`}
      onClick={() => {
        Clipboard.copyToSystem(props.text);
        setCopied(true);
      }}
    >
      {copied ? props.trans.__('Copied') : props.label}
    </button>
  );
}

/** What the result dialog shows. */
export interface ISnapshotResultInfo {
  topHash: string;
  /** Package name. */
  name: string;
  bucket: string;
  /** Files and bytes recorded, when known. */
  entries?: number;
  bytes?: number;
  /** The quilt3 snippet. */
  snippet: string;
  /** Objects of the folder the snapshot does not hold (names quilt3 refuses), with why. */
  leftOut?: readonly { key: string; reason: string }[];
}

/** How many left-out objects the result names one by one. */
const LEFT_OUT_SHOWN = 10;

/** The objects a snapshot left out, named (attacker-controlled keys: rendered as text). */
function LeftOutView(props: { trans: TranslationBundle; bucket: string; leftOut: readonly { key: string; reason: string }[] }): JSX.Element {
  const { trans, leftOut } = props;
  const more = leftOut.length - LEFT_OUT_SHOWN;
  return (
    <div className="jp-helium-notice jp-helium-snapshot-left-out" data-count={leftOut.length}>
      <p>
        {trans._n(
          '%2 object of the folder is not in this snapshot: Quilt packages cannot hold its name (quilt3 refuses ".", ".." and empty path segments). To include it, copy it to a key without such segments and snapshot again.',
          '%2 objects of the folder are not in this snapshot: Quilt packages cannot hold their names (quilt3 refuses ".", ".." and empty path segments). To include them, copy each to a key without such segments and snapshot again.',
          leftOut.length,
          leftOut.length.toLocaleString()
        )}
      </p>
      <ul>
        {leftOut.slice(0, LEFT_OUT_SHOWN).map(o => (
          <li key={o.key}>
            <code>{displayKey(formatS3Uri({ bucket: props.bucket, key: o.key }))}</code> — {o.reason}
          </li>
        ))}
        {more > 0 && <li>{trans._n('and %2 more', 'and %2 more', more, more.toLocaleString())}</li>}
      </ul>
    </div>
  );
}

/**
 * What the result dialog shows: the package, the top hash and snippet to copy, and the objects
 * the snapshot left out, if any.
 */
export function SnapshotResultContent(props: { trans: TranslationBundle; result: ISnapshotResultInfo; note?: string }): JSX.Element {
  const { trans, result } = props;
  const sizes: string[] = [];
  if (result.entries !== undefined) {
    sizes.push(trans._n('%2 file', '%2 files', result.entries, result.entries.toLocaleString()));
  }
  if (result.bytes !== undefined) {
    sizes.push(formatBytes(result.bytes));
  }
  return (
    <div className="jp-helium-snapshot-result" data-top-hash={result.topHash} data-name={result.name}>
      {props.note && <p className="jp-helium-notice">{props.note}</p>}
      <p>
        {sizes.length
          ? trans.__('Snapshot %1 recorded (%2).', result.name, sizes.join(', '))
          : trans.__('Snapshot %1 recorded.', result.name)}
      </p>
      <div className="jp-helium-snapshot-label">{trans.__('Top hash')}</div>
      <div className="jp-helium-snapshot-copyline">
        <code className="jp-helium-snapshot-hash">{result.topHash}</code>
        <CopyButton trans={trans} text={result.topHash} className="jp-helium-snapshot-copy-hash" label={trans.__('Copy')} />
      </div>
      <div className="jp-helium-snapshot-label">{trans.__('Open it with quilt3')}</div>
      <pre className="jp-helium-codeblock jp-helium-snapshot-snippet">{result.snippet}</pre>
      <CopyButton trans={trans} text={result.snippet} className="jp-helium-snapshot-copy-snippet" label={trans.__('Copy Python')} />
      {result.leftOut && result.leftOut.length > 0 && <LeftOutView trans={trans} bucket={result.bucket} leftOut={result.leftOut} />}
    </div>
  );
}

/** The body of the result dialog. */
export class SnapshotResultBody extends ReactWidget {
  constructor(private readonly _options: { trans: TranslationBundle; result: ISnapshotResultInfo; note?: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'done';
  }

  protected render(): JSX.Element {
    return <SnapshotResultContent {...this._options} />;
  }
}

/** The body of an error dialog (escaped text). */
export class SnapshotErrorBody extends ReactWidget {
  constructor(private readonly _options: { message: string; kind?: string }) {
    super();
    this.addClass('jp-helium-snapshot-dialog');
    this.node.dataset.phase = 'error';
  }

  protected render(): JSX.Element {
    return (
      <div className="jp-helium-snapshot-error" role="alert" data-kind={this._options.kind ?? 'Unknown'}>
        {this._options.message}
      </div>
    );
  }
}

/** Whether an error is a cancellation. */
export function isCancelled(err: unknown, signal?: AbortSignal): boolean {
  return (err as { kind?: string } | null)?.kind === 'Cancelled' || (signal?.aborted ?? false);
}

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
}

/**
 * The whole "Snapshot folder…" flow: form → progress → result (or error → back to the form).
 * @param options - the folder, checks and the work.
 * @returns the result, or null when the user cancelled.
 */
export async function snapshotFolderDialog<
  R extends { topHash: string; name: string; entries?: number; bytes?: number; leftOut?: readonly { key: string; reason: string }[] }
>(
  options: ISnapshotDialogOptions<R>
): Promise<R | null> {
  const { trans } = options;
  let values = options.initial;
  for (;;) {
    const form = new SnapshotForm({ trans, uri: options.uri, values, checks: options.checks });
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
    if (problems.message || problems.name || problems.meta) {
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
      await showDialog({
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
            leftOut: result.leftOut
          },
          note: outcome.cancelRequested ? trans.__('The snapshot was complete before Cancel took effect.') : undefined
        }),
        buttons: [Dialog.okButton({ label: trans.__('Close') })]
      });
      return result;
    }
    if (outcome.cancelled) {
      Notification.info(trans.__('Snapshot cancelled: no snapshot of %1 was recorded.', options.uri), { autoClose: 5000 });
      return null;
    }
    const err = outcome.error as { message?: string; kind?: string };
    const again = await showDialog({
      title: trans.__('Could not snapshot %1', options.uri),
      body: new SnapshotErrorBody({ message: err?.message ?? String(outcome.error), kind: err?.kind }),
      buttons: [Dialog.cancelButton({ label: trans.__('Close') }), Dialog.okButton({ label: trans.__('Edit and Retry') })]
    });
    if (!again.button.accept) {
      return null;
    }
  }
}
