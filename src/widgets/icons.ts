/** The extension's icons (JupyterLab's own where one fits). */
import { historyIcon, LabIcon } from '@jupyterlab/ui-components';
import s3Svg from '../../style/icons/s3.svg';
import transfersSvg from '../../style/icons/transfers.svg';
import diffSvg from '../../style/icons/diff.svg';
import snapshotSvg from '../../style/icons/snapshot.svg';
import pinSvg from '../../style/icons/pin.svg';

export const s3Icon = new LabIcon({ name: 'jupyterlab-helium:s3', svgstr: s3Svg });
export const transfersIcon = new LabIcon({ name: 'jupyterlab-helium:transfers', svgstr: transfersSvg });
export const diffIcon = new LabIcon({ name: 'jupyterlab-helium:diff', svgstr: diffSvg });
export const snapshotIcon = new LabIcon({ name: 'jupyterlab-helium:snapshot', svgstr: snapshotSvg });
export const pinIcon = new LabIcon({ name: 'jupyterlab-helium:pin', svgstr: pinSvg });
export { historyIcon };
