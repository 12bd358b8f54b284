/** Icons of the diff tab (JupyterLab's icon set has no pin). */
import { LabIcon } from '@jupyterlab/ui-components';

const PIN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <path class="jp-icon3" fill="#616161" d="M16 9V4h1a1 1 0 0 0 0-2H7a1 1 0 0 0 0 2h1v5a3 3 0 0 1-3 3v2h5.97v7l1 1 1-1v-7H19v-2a3 3 0 0 1-3-3z"/>
</svg>`;

/** The pin of a preview tab. */
export const pinIcon = new LabIcon({ name: 'jupyterlab-helium:pin', svgstr: PIN_SVG });
