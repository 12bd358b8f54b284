/**
 * The tick box of a side-list row (versions, snapshots) in its own grid cell: a click ticks it
 * without selecting the row.
 */
import * as React from 'react';

/** See the file's header. */
export function TickCell(props: {
  className: string;
  checked: boolean;
  disabled?: boolean;
  title: string;
  label: string;
  onTick: () => void;
}): JSX.Element {
  return (
    <span role="gridcell" className="jp-helium-listrow-tickcell">
      <input
        type="checkbox"
        className={props.className}
        checked={props.checked}
        disabled={props.disabled}
        title={props.title}
        aria-label={props.label}
        onClick={e => e.stopPropagation()}
        onChange={props.onTick}
      />
    </span>
  );
}
