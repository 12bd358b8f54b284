/** The extension's icons. */
import { LabIcon } from '@jupyterlab/ui-components';
import s3Svg from '../../style/icons/s3.svg';

export const s3Icon = new LabIcon({ name: 'jupyterlab-helium:s3', svgstr: s3Svg });
import transfersSvg from '../../style/icons/transfers.svg';

export const transfersIcon = new LabIcon({ name: 'jupyterlab-helium:transfers', svgstr: transfersSvg });
