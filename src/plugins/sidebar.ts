/**
 * How helium's panels take their place in JupyterLab's sidebars (the S3 panel on the left; version
 * history, snapshots and transfers on the right), and how the right-hand ones follow the S3 panel.
 */
import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

/** Where and how a panel sits in a sidebar. */
export interface ISidebarPlace {
  /** The widget id (also the layout restorer's name for it). */
  id: string;
  icon: LabIcon;
  /** The sidebar tab's tooltip (translated). */
  caption: string;
  area: 'left' | 'right';
  /** Order among the sidebar's tabs. */
  rank: number;
}

/**
 * Adds a panel to a sidebar, with its icon and tooltip; with a restorer, it comes back open
 * after a reload if it was.
 */
export function addToSidebar(app: JupyterFrontEnd, panel: Widget, place: ISidebarPlace, restorer?: ILayoutRestorer | null): void {
  panel.id = place.id;
  panel.title.icon = place.icon;
  panel.title.caption = place.caption;
  app.shell.add(panel, place.area, { rank: place.rank });
  restorer?.add(panel, place.id);
}

/**
 * Runs `follow` when the S3 panel changes (`changed`) while the side panel is visible, and when
 * the side panel is shown after a change it missed (or for the first time): a hidden panel makes
 * no requests, and showing it again does not replace what it showed (the history of a deleted
 * object opened by its URI) unless the S3 panel moved meanwhile.
 */
export function followWhileVisible(
  panel: Widget & { shown: ISignal<unknown, void> },
  changed: ISignal<unknown, unknown> | null | undefined,
  follow: () => void
): void {
  let missed = true;
  changed?.connect(() => {
    if (panel.isVisible) {
      missed = false;
      follow();
    } else {
      missed = true;
    }
  });
  panel.shown.connect(() => {
    if (missed) {
      missed = false;
      follow();
    }
  });
}
