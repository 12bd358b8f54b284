/** One field of the snapshot form: label, input, and its problem or hint. */
import * as React from 'react';

/**
 * A labelled field; it marks itself invalid (`jp-mod-error`) while it has a problem.
 * @param props - label, hint, problem, whether touched, class and the input.
 * @returns the element.
 */
export function Field(props: {
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
