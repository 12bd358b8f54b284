/** The Workflow field of the snapshot form: a bucket's Quilt workflows, the default marked. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Field } from './Field';
import type { ISnapshotFormWorkflows } from './form-values';

/** The select's value for "no workflow" (a colon is never in a workflow id). */
const NONE = ':none';

/**
 * What a workflow checks, for its hint.
 * @param workflow - the workflow.
 * @param trans - translations.
 * @returns e.g. `Checks: a message; the name matches ^team/; the metadata against schema "meta".`
 */
function checksText(workflow: ISnapshotFormWorkflows['workflows'][number], trans: TranslationBundle): string {
  const checks: string[] = [];
  if (workflow.messageRequired) {
    checks.push(trans.__('a message'));
  }
  if (workflow.handlePattern) {
    checks.push(trans.__('the name matches %1', workflow.handlePattern));
  }
  if (workflow.metadataSchema) {
    checks.push(trans.__('the metadata against schema "%1"', workflow.metadataSchema));
  }
  if (workflow.entriesSchema) {
    checks.push(trans.__('the files against schema "%1"', workflow.entriesSchema));
  }
  return checks.length ? trans.__('Checks: %1.', checks.join('; ')) : trans.__('Checks nothing.');
}

/**
 * The Workflow field.
 * @param props - the workflows, the value (see `ISnapshotFormValues.workflow`), its problem, and
 *   where to report a change.
 * @returns the element.
 */
export function WorkflowField(props: {
  trans: TranslationBundle;
  workflows: ISnapshotFormWorkflows;
  value: string | null;
  problem: string | null;
  onChange: (value: string | null) => void;
}): JSX.Element {
  const { trans, workflows } = props;
  const chosen = workflows.workflows.find(w => w.id === props.value);
  const hint = chosen
    ? [chosen.description, checksText(chosen, trans)].filter(Boolean).join(' ')
    : props.value === null
      ? trans.__('The snapshot passes no workflow (this bucket allows it).')
      : '';
  return (
    <Field label={trans.__('Workflow')} hint={hint} problem={props.problem} touched={true} className="jp-helium-snapshot-field-workflow">
      <select
        className="jp-helium-select jp-helium-snapshot-workflow-input"
        value={props.value === null ? NONE : props.value}
        onChange={e => props.onChange(e.target.value === NONE ? null : e.target.value)}
      >
        {props.value === '' && (
          <option value="" disabled>
            {trans.__('Choose a workflow…')}
          </option>
        )}
        {workflows.workflows.map(w => (
          <option key={w.id} value={w.id}>
            {w.id === workflows.defaultWorkflow ? trans.__('%1 (%2, default)', w.name, w.id) : trans.__('%1 (%2)', w.name, w.id)}
          </option>
        ))}
        {!workflows.required && <option value={NONE}>{trans.__('No workflow')}</option>}
      </select>
    </Field>
  );
}
