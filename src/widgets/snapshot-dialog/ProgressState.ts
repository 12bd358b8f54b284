/** The latest progress report of running work, for the progress view. */
import { Signal } from '@lumino/signaling';

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
