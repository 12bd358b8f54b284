/**
 * A scripted {@link IPanelUi} for specs of the S3 panel's command logic: it answers from a script
 * (confirm yes/no, text typed, destination picked), records everything the person was asked and
 * told, and runs jobs at once.
 */
import type { IMoveJob } from '../models/move-job';
import type { MoveResult } from '../service/move';
import type { IPanelUi } from '../plugins/panel-actions';

/** One question or message, as the person saw it. */
export interface IShown {
  kind: 'confirm' | 'askText' | 'askDestination' | 'error' | 'job';
  title: string;
  /** The body (confirm), the label (askText), the message (error), the detail (job). */
  text: string;
  /** The accept button's label (confirm), or the connections offered (askDestination). */
  extra?: string;
}

/** A panel UI that answers from a script. */
export class ScriptedPanelUi implements IPanelUi {
  /** Answers to confirm(), in order (true: accept); accepts when none is left. */
  confirms: boolean[] = [];
  /** Answers to askText(), in order (null: cancel). */
  texts: (string | null)[] = [];
  /** Answers to askDestination(), in order (null: cancel). */
  destinations: ({ connection: string; folder: string } | null)[] = [];
  /** Everything asked and told, in order. */
  readonly shown: IShown[] = [];

  /** What was shown of a kind. */
  of(kind: IShown['kind']): IShown[] {
    return this.shown.filter(s => s.kind === kind);
  }

  async confirm(options: { title: string; body: string; accept: string; warn?: boolean }): Promise<boolean> {
    this.shown.push({ kind: 'confirm', title: options.title, text: options.body, extra: options.accept });
    return this.confirms.shift() ?? true;
  }
  async askText(options: { title: string; label: string }): Promise<string | null> {
    this.shown.push({ kind: 'askText', title: options.title, text: options.label });
    return this.texts.length ? this.texts.shift()! : null;
  }
  async askDestination(options: {
    title: string;
    connections: string[];
    current: string;
  }): Promise<{ connection: string; folder: string } | null> {
    this.shown.push({ kind: 'askDestination', title: options.title, text: options.current, extra: options.connections.join(',') });
    return this.destinations.length ? this.destinations.shift()! : null;
  }
  async error(title: string, message: string): Promise<void> {
    this.shown.push({ kind: 'error', title, text: message });
  }
  runJob(job: IMoveJob): Promise<MoveResult> {
    this.shown.push({ kind: 'job', title: job.label, text: job.detail });
    return job.run(() => undefined, new AbortController().signal);
  }
}
