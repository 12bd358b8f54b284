/**
 * Breadcrumbs of the current location: bucket root, then one crumb per folder, always on one
 * line. When the line is too narrow, the folders between the bucket and the current one fold
 * into a "…" crumb whose menu lists them (as in VS Code and Finder); the whole location is in the
 * tooltip. Every crumb is rendered, folded ones out of the flow, so their widths can be measured.
 */
import * as React from 'react';
import type { TranslationBundle } from '@jupyterlab/translation';
import { formatS3Uri, splitPrefix } from '../service/uri';
import { crumbsToHide, ICrumbWidths } from './crumb-fit';
import { nameClass, nameText } from './key-text';
import { KeyText } from './KeyText';
import { CrumbMenu } from './CrumbMenu';

export interface IBreadcrumbsProps {
  bucket: string;
  prefix: string;
  trans: TranslationBundle;
  onNavigate: (prefix: string) => void;
}

/** A crumb's natural width: its whole text (up to its CSS max-width) and the separator before it. */
function naturalWidth(step: Element | null): number {
  if (!step) {
    return 0;
  }
  let width = 0;
  for (const child of Array.from(step.children) as HTMLElement[]) {
    const max = parseFloat(getComputedStyle(child).maxWidth);
    // scrollWidth: the text's full width even while the crumb is cut with an ellipsis.
    width += Math.min(Math.max(child.scrollWidth, child.offsetWidth), Number.isFinite(max) ? max : Infinity);
  }
  return width;
}

/**
 * Measures the crumbs and the line: how many folders to fold (0 in jsdom), and the width of all
 * the crumbs unfolded (0 until measured).
 */
function useFolded(nav: React.RefObject<HTMLElement>, key: string): { folded: number; natural: number } {
  const [available, setAvailable] = React.useState(0);
  const [widths, setWidths] = React.useState<ICrumbWidths | null>(null);
  React.useLayoutEffect(() => {
    const node = nav.current;
    if (!node) {
      return;
    }
    setWidths({
      bucket: naturalWidth(node.querySelector('[data-step=bucket]')),
      folders: Array.from(node.querySelectorAll('[data-step=folder]')).map(naturalWidth),
      ellipsis: naturalWidth(node.querySelector('[data-step=ellipsis]'))
    });
    setAvailable(node.clientWidth);
  }, [key, nav]);
  React.useEffect(() => {
    const node = nav.current;
    if (!node || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setAvailable(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [nav]);
  if (!widths) {
    return { folded: 0, natural: 0 };
  }
  const natural = widths.bucket + widths.folders.reduce((sum, w) => sum + w, 0);
  return { folded: available > 0 ? crumbsToHide(widths, available) : 0, natural };
}

export function Breadcrumbs(props: IBreadcrumbsProps): JSX.Element {
  const { trans } = props;
  // Every segment is a crumb, empty ones too (`a//b/` is three folders deep): each crumb's
  // prefix is exactly the one it stands for.
  const crumbs = splitPrefix(props.prefix);
  const nav = React.useRef<HTMLElement>(null);
  const { folded, natural } = useFolded(nav, `${props.bucket}/${props.prefix}`);
  const location = formatS3Uri({ bucket: props.bucket, key: props.prefix });
  const [menuAnchor, setMenuAnchor] = React.useState<HTMLElement | null>(null);
  return (
    <nav
      ref={nav}
      className="jp-helium-breadcrumbs"
      aria-label={trans.__('Location')}
      title={location}
      data-folded={folded}
      // Beside the toolbar's buttons only when the whole path fits there; else on a line of its
      // own (the toolbar wraps), where folding starts only if even that line is too narrow.
      style={natural ? { flexBasis: Math.ceil(natural) + 1 } : undefined}
    >
      <span className="jp-helium-crumb-step jp-mod-bucket" data-step="bucket">
        <button className="jp-helium-crumb" title={formatS3Uri({ bucket: props.bucket, key: '' })} onClick={() => props.onNavigate('')}>
          {props.bucket}
        </button>
      </span>
      <span className={`jp-helium-crumb-step${folded ? '' : ' jp-mod-folded'}`} data-step="ellipsis" aria-hidden={!folded}>
        <span className="jp-helium-crumb-sep">/</span>
        <button
          className="jp-helium-crumb-more"
          title={trans._n('%1 more folder: %2', '%1 more folders: %2', folded, folded, location)}
          aria-haspopup="menu"
          tabIndex={folded ? 0 : -1}
          data-testid="helium-crumb-more"
          aria-expanded={menuAnchor !== null}
          onClick={e => setMenuAnchor(menuAnchor ? null : e.currentTarget)}
        >
          …
        </button>
      </span>
      {menuAnchor && folded > 0 && (
        <CrumbMenu
          anchor={menuAnchor}
          ariaLabel={trans.__('Folders between the bucket and this folder')}
          items={crumbs.slice(0, folded).map(crumb => ({
            label: <KeyText text={nameText(crumb.name, trans)} />,
            title: formatS3Uri({ bucket: props.bucket, key: crumb.prefix }),
            onSelect: () => props.onNavigate(crumb.prefix)
          }))}
          onClose={() => setMenuAnchor(null)}
        />
      )}
      {crumbs.map((crumb, i) => (
        <span
          key={crumb.prefix}
          className={`jp-helium-crumb-step${i < folded ? ' jp-mod-folded' : ''}${i === crumbs.length - 1 ? ' jp-mod-current' : ''}`}
          data-step="folder"
          aria-hidden={i < folded}
        >
          <span className="jp-helium-crumb-sep">/</span>
          <button
            className={nameClass('jp-helium-crumb', crumb.name)}
            title={formatS3Uri({ bucket: props.bucket, key: crumb.prefix })}
            tabIndex={i < folded ? -1 : 0}
            onClick={() => props.onNavigate(crumb.prefix)}
          >
            <KeyText text={nameText(crumb.name, trans)} />
          </button>
        </span>
      ))}
    </nav>
  );
}
