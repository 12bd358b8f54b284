/** The fields of the snapshot form. */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Field } from './Field';
import { formProblems, hasProblems, ISnapshotFormChecks, ISnapshotFormValues, ISnapshotFormWorkflows } from './form-values';
import { WorkflowField } from './WorkflowField';

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
  /** The notebook lineage can be recorded from (a checkbox), if any. */
  lineageNotebook?: string;
  /** The bucket's Quilt workflows (a Workflow field), if it has a config. */
  workflows?: ISnapshotFormWorkflows;
  onChange: (values: ISnapshotFormValues) => void;
  nodeRef: () => HTMLElement;
}): JSX.Element {
  const { trans } = props;
  const [values, setValues] = React.useState(props.initial);
  const [touched, setTouched] = React.useState({ message: false, name: props.initial.name !== '', meta: props.initial.metaText !== '' });
  const problems = formProblems(values, props.checks, trans);
  const invalid = hasProblems(problems);
  const set = (field: Exclude<keyof ISnapshotFormValues, 'lineage' | 'workflow'>, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    setTouched(t => ({ ...t, [field === 'metaText' ? 'meta' : field]: true }));
    props.onChange(next);
  };
  const { nodeRef } = props;
  React.useLayoutEffect(() => {
    // JupyterLab's dialog re-checks `.jp-mod-error` on `input` events, before React has
    // re-rendered: tell it again once the classes are current.
    nodeRef().dispatchEvent(new Event('input', { bubbles: true }));
  }, [invalid, nodeRef]);
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
        hint={trans.__('Required: say what this snapshot is.')}
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
      {props.workflows !== undefined && values.workflow !== undefined && (
        <WorkflowField
          trans={trans}
          workflows={props.workflows}
          value={values.workflow}
          problem={problems.workflow}
          onChange={workflow => {
            const next = { ...values, workflow };
            setValues(next);
            setTouched(t => ({ ...t, name: true }));
            props.onChange(next);
          }}
        />
      )}
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
      {props.lineageNotebook !== undefined && (
        <label className="jp-helium-snapshot-lineage">
          <input
            type="checkbox"
            className="jp-helium-snapshot-lineage-input"
            checked={values.lineage ?? false}
            onChange={e => {
              const next = { ...values, lineage: e.target.checked };
              setValues(next);
              props.onChange(next);
            }}
          />
          {trans.__('Record lineage from %1 (its path, content hash and pins)', props.lineageNotebook)}
        </label>
      )}
    </div>
  );
}
