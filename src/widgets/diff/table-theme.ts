/**
 * Colours and fonts of the table diff grid, read from JupyterLab's `--jp-*` CSS variables. The
 * grid paints on a canvas, so CSS cannot style it: the view reads the variables with
 * getComputedStyle and reads them again when the theme changes.
 *
 * Tints are blended in JS (background + a status colour at some opacity) because the themes'
 * `--jp-*-color3` are light in both light and dark themes; a blend stays readable on either.
 */
import { DataGrid } from '@lumino/datagrid';

/** Everything the grid paints with. */
export interface TableDiffColors {
  background: string;
  text: string;
  mutedText: string;
  headerBackground: string;
  headerText: string;
  gridLine: string;
  headerGridLine: string;
  addedRow: string;
  removedRow: string;
  changedRow: string;
  changedCell: string;
  addedColumnText: string;
  removedColumnText: string;
  typeChangedColumnText: string;
  selectionFill: string;
  selectionBorder: string;
  font: string;
  headerFont: string;
}

/** Used where a variable is missing (outside JupyterLab, e.g. in tests). */
const FALLBACK: Record<string, string> = {
  '--jp-layout-color0': '#ffffff',
  '--jp-layout-color2': '#eeeeee',
  '--jp-ui-font-color0': '#000000',
  '--jp-ui-font-color1': '#212121',
  '--jp-ui-font-color2': '#616161',
  '--jp-border-color2': '#e0e0e0',
  '--jp-border-color3': '#eeeeee',
  '--jp-success-color1': '#388e3c',
  '--jp-error-color1': '#d32f2f',
  '--jp-warn-color1': '#f57c00',
  '--jp-brand-color1': '#1976d2',
  '--jp-code-font-size': '13px',
  '--jp-code-font-family': 'monospace',
  '--jp-ui-font-size1': '13px',
  '--jp-ui-font-family': 'sans-serif'
};

/** An RGBA colour, channels 0–255 and alpha 0–1. */
type Rgba = [number, number, number, number];

let probe: CanvasRenderingContext2D | null | undefined;

/**
 * Parse a CSS colour. The browser normalises any syntax through a canvas context; `#rgb`,
 * `#rrggbb` and `rgb()/rgba()` are parsed directly as well (jsdom has no canvas).
 * @param css - a colour.
 * @returns its channels, or undefined.
 */
export function parseColor(css: string): Rgba | undefined {
  let text = css.trim();
  if (probe === undefined) {
    try {
      probe = document.createElement('canvas').getContext('2d');
    } catch {
      probe = null;
    }
  }
  if (probe) {
    probe.fillStyle = '#000000';
    probe.fillStyle = text;
    text = String(probe.fillStyle);
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text);
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, c => c + c) : hex[1];
    return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), 1];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(text);
  if (rgb) {
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])];
  }
  return undefined;
}

/**
 * `over` laid on `base` at `opacity`, as an opaque `rgb()`.
 * @param base - the background colour.
 * @param over - the tint colour.
 * @param opacity - 0 (base) to 1 (over).
 * @returns the blend, or `over` when a colour cannot be parsed.
 */
export function blend(base: string, over: string, opacity: number): string {
  const a = parseColor(base);
  const b = parseColor(over);
  if (!a || !b) {
    return over;
  }
  const t = opacity * b[3];
  const mix = (i: number) => Math.round(a[i] * (1 - t) + b[i] * t);
  return `rgb(${mix(0)}, ${mix(1)}, ${mix(2)})`;
}

/** `over` at some opacity, as `rgba()` (for the selection overlay). */
function translucent(over: string, opacity: number): string {
  const c = parseColor(over);
  return c ? `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${opacity})` : over;
}

/** The width of a character of the grids' 13 px monospace font (DejaVu Sans Mono: 7.8 px). */
export const GRID_CHAR_PX = 7.8;

/** The widest a column is sized to its text (a longer value is cut short in the grid). */
const MAX_COLUMN_PX = 360;

/**
 * The width of a grid column that shows `chars` characters whole: DataGrid's TextRenderer elides
 * text wider than the cell less 14 px, so a column sized for the text alone cuts its last letter.
 * The width stays between `minimum` and 360 px.
 * @param chars - the length of the widest text.
 * @param minimum - the narrowest the column is (room for its header).
 * @returns the column's width in pixels.
 */
export function columnWidthFor(chars: number, minimum: number): number {
  return Math.min(MAX_COLUMN_PX, Math.max(minimum, Math.ceil(chars * GRID_CHAR_PX) + 16));
}

/**
 * Read the grid's colours and fonts from the CSS variables in effect at `node`.
 * @param node - an element inside the JupyterLab shell (the view's node).
 * @returns the colours.
 */
export function readColors(node: HTMLElement): TableDiffColors {
  const style = getComputedStyle(node);
  const v = (name: string) => style.getPropertyValue(name).trim() || FALLBACK[name];
  const background = v('--jp-layout-color0');
  const success = v('--jp-success-color1');
  const error = v('--jp-error-color1');
  const warn = v('--jp-warn-color1');
  const brand = v('--jp-brand-color1');
  return {
    background,
    text: v('--jp-ui-font-color0'),
    mutedText: v('--jp-ui-font-color2'),
    headerBackground: v('--jp-layout-color2'),
    headerText: v('--jp-ui-font-color1'),
    gridLine: v('--jp-border-color3'),
    headerGridLine: v('--jp-border-color2'),
    addedRow: blend(background, success, 0.16),
    removedRow: blend(background, error, 0.16),
    changedRow: blend(background, warn, 0.06),
    changedCell: blend(background, warn, 0.42),
    addedColumnText: success,
    removedColumnText: error,
    typeChangedColumnText: warn,
    selectionFill: translucent(brand, 0.15),
    selectionBorder: brand,
    // A generic family last: a canvas given only fonts it lacks draws in the browser's serif.
    font: `${v('--jp-code-font-size')} ${v('--jp-code-font-family')}, monospace`,
    headerFont: `bold ${v('--jp-ui-font-size1')} ${v('--jp-ui-font-family')}, sans-serif`
  };
}

/**
 * The DataGrid style for some colours.
 * @param c - the colours.
 * @returns the style.
 */
export function gridStyle(c: TableDiffColors): DataGrid.Style {
  return {
    ...DataGrid.defaultStyle,
    voidColor: c.background,
    backgroundColor: c.background,
    headerBackgroundColor: c.headerBackground,
    gridLineColor: c.gridLine,
    headerGridLineColor: c.headerGridLine,
    selectionFillColor: c.selectionFill,
    selectionBorderColor: c.selectionBorder,
    cursorBorderColor: c.selectionBorder,
    headerSelectionFillColor: c.selectionFill,
    headerSelectionBorderColor: c.selectionBorder
  };
}
