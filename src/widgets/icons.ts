/** The extension's icons (JupyterLab's own where one fits). */
import { historyIcon, LabIcon } from '@jupyterlab/ui-components';
import s3Svg from '../../style/icons/s3.svg';
import transfersSvg from '../../style/icons/transfers.svg';
import diffSvg from '../../style/icons/diff.svg';
import snapshotSvg from '../../style/icons/snapshot.svg';
import pinSvg from '../../style/icons/pin.svg';
import archiveSvg from '../../style/icons/archive.svg';

export const s3Icon = new LabIcon({ name: 'jupyterlab-helium:s3', svgstr: s3Svg });
export const transfersIcon = new LabIcon({ name: 'jupyterlab-helium:transfers', svgstr: transfersSvg });
export const diffIcon = new LabIcon({ name: 'jupyterlab-helium:diff', svgstr: diffSvg });
export const snapshotIcon = new LabIcon({ name: 'jupyterlab-helium:snapshot', svgstr: snapshotSvg });
export const pinIcon = new LabIcon({ name: 'jupyterlab-helium:pin', svgstr: pinSvg });
/** An archived object (Glacier, Deep Archive): readable once restored. */
export const archiveIcon = new LabIcon({ name: 'jupyterlab-helium:archive', svgstr: archiveSvg });
export { historyIcon };
