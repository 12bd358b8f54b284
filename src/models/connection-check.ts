/**
 * *Check Connection*: asks the Jupyter server to check one connection
 * (`GET /helium/connections/<name>/check`, jupyterlab_helium/doctor.py) and holds the answer for
 * the view. The server checks with its own credentials and rules (the proxy's), and reads only.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { DoctorReport } from '../service/doctor/rules';

/** Where a check is. */
export type CheckState = 'idle' | 'running' | 'done' | 'failed';

/** One connection's check, run on the server. */
export class ConnectionCheckModel {
  /**
   * @param trans - translations, for the messages when the check itself cannot run.
   * @param settings - how to reach the Jupyter server.
   */
  constructor(
    private readonly trans: TranslationBundle,
    private readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  /** Fires when the state, report or error change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get state(): CheckState {
    return this._state;
  }

  /** The connection checked (or being checked). */
  get connection(): string | null {
    return this._connection;
  }

  /** The server's findings, once done. */
  get report(): DoctorReport | null {
    return this._report;
  }

  /** Why the check itself could not run (the server unreachable, a refusal), once failed. */
  get error(): string | null {
    return this._error;
  }

  /**
   * Check a connection (again); a newer run replaces an older one still on its way.
   * @param connection - its name.
   */
  async run(connection: string): Promise<void> {
    const run = ++this._runs;
    this._connection = connection;
    this._state = 'running';
    this._report = null;
    this._error = null;
    this._changed.emit();
    const url = URLExt.join(this.settings.baseUrl, 'helium/connections', encodeURIComponent(connection), 'check');
    let report: DoctorReport | null = null;
    let error: string | null = null;
    try {
      const response = await ServerConnection.makeRequest(url, {}, this.settings);
      const body = (await response.json().catch(() => null)) as (DoctorReport & { message?: string }) | null;
      if (response.ok && body?.checks) {
        report = body;
      } else if (response.status === 404 && !body?.message) {
        error = this.trans.__('This Jupyter server cannot check connections: update the jupyterlab_helium server extension.');
      } else {
        // The server's own message (its refusal) is shown as it is.
        error = body?.message ?? this.trans.__('The server could not check the connection (HTTP %1).', response.status);
      }
    } catch (err) {
      error = this.trans.__('Cannot reach the Jupyter server to check the connection: %1', String(err));
    }
    if (run !== this._runs) {
      return;
    }
    this._report = report;
    this._error = error;
    this._state = report ? 'done' : 'failed';
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _state: CheckState = 'idle';
  private _connection: string | null = null;
  private _report: DoctorReport | null = null;
  private _error: string | null = null;
  private _runs = 0;
}
