/**
 * The findings of *Check Connection*: one group per area or bucket, each finding with an icon
 * (ok, warning, problem, not checked), what was found, and the one-sentence fix. Renders
 * models/connection-check.ts.
 */
import * as React from 'react';
import { ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { checkIcon, closeIcon, infoIcon, LabIcon } from '@jupyterlab/ui-components';
import type { ConnectionCheckModel } from '../models/connection-check';
import type { DoctorCheck, DoctorStatus } from '../service/doctor/rules';
import { useSignal } from './useSignal';

/** The icon of each status (a warning is marked by its colour and its label). */
const ICONS: Record<DoctorStatus, LabIcon> = { ok: checkIcon, warning: infoIcon, problem: closeIcon, skipped: infoIcon };

/** A heading for each group of findings. */
function groupTitle(check: DoctorCheck, trans: TranslationBundle): string {
  if (check.bucket) {
    return trans.__('Bucket %1', check.bucket);
  }
  const titles: Record<string, string> = {
    credentials: trans.__('Credentials'),
    endpoint: trans.__('Endpoint'),
    clock: trans.__('Clock'),
    identity: trans.__('Identity (STS)'),
    buckets: trans.__('Buckets')
  };
  return titles[check.area] ?? check.area;
}

/** The findings in groups, in the order the server made them. */
function groups(checks: DoctorCheck[], trans: TranslationBundle): { title: string; checks: DoctorCheck[] }[] {
  const out: { title: string; checks: DoctorCheck[] }[] = [];
  for (const check of checks) {
    const title = groupTitle(check, trans);
    if (out.length === 0 || out[out.length - 1].title !== title) {
      out.push({ title, checks: [] });
    }
    out[out.length - 1].checks.push(check);
  }
  return out;
}

function CheckView(props: { model: ConnectionCheckModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  useSignal(model.changed);
  const labels: Record<DoctorStatus, string> = {
    ok: trans.__('OK'),
    warning: trans.__('Warning'),
    problem: trans.__('Problem'),
    skipped: trans.__('Not checked')
  };
  if (model.state === 'running' || model.state === 'idle') {
    return (
      <div className="jp-helium-check" aria-busy="true" data-testid="helium-check-running">
        <p role="status">{trans.__('Checking the connection “%1” on the Jupyter server…', model.connection ?? '')}</p>
      </div>
    );
  }
  if (!model.report) {
    return (
      <div className="jp-helium-check" data-testid="helium-check-failed">
        <p role="alert">{model.error}</p>
      </div>
    );
  }
  const { summary } = model.report;
  return (
    <div className="jp-helium-check" data-testid="helium-check">
      <p className="jp-helium-check-summary" role="status" data-testid="helium-check-summary">
        {trans.__(
          '%1 — %2 problem(s), %3 warning(s), %4 not checked.',
          model.report.endpoint,
          summary.problem,
          summary.warning,
          summary.skipped
        )}
      </p>
      {groups(model.report.checks, trans).map(group => (
        <section key={group.title} className="jp-helium-check-group">
          <h3>{group.title}</h3>
          <ul>
            {group.checks.map((check, i) => {
              const Icon = ICONS[check.status];
              return (
                <li
                  key={i}
                  className={`jp-helium-check-item jp-mod-${check.status}`}
                  data-testid="helium-check-item"
                  data-status={check.status}
                  data-id={check.id}
                >
                  <Icon.react tag="span" className="jp-helium-check-icon" title={labels[check.status]} />
                  <span className="jp-helium-sr-only">{labels[check.status]}: </span>
                  <div>
                    <p className="jp-helium-check-detail">{check.detail}</p>
                    {check.fix && <p className="jp-helium-check-fix">{trans.__('Fix: %1', check.fix)}</p>}
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The check as a widget (for a dialog's body). */
export class ConnectionCheckWidget extends ReactWidget {
  constructor(
    private readonly model: ConnectionCheckModel,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.addClass('jp-helium-check-widget');
    // The findings scroll (max-height): focusable, so the keyboard can scroll them, and named.
    this.node.tabIndex = 0;
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Findings'));
  }

  render(): JSX.Element {
    return <CheckView model={this.model} trans={this.trans} />;
  }
}
