/**
 * The menu of the "…" breadcrumb: the folders folded out of the line, top first. Rendered in
 * the page's body (the breadcrumbs' line clips what overflows it), under the "…" crumb; arrow
 * keys move between its items; Escape, a click elsewhere or a resized window closes it.
 */
import * as React from 'react';
import { createPortal } from 'react-dom';

export interface ICrumbMenuItem {
  /** What the item says. */
  label: React.ReactNode;
  /** Its tooltip (the folder's s3:// URI). */
  title: string;
  onSelect: () => void;
}

export interface ICrumbMenuProps {
  /** Where the menu opens: under this element. */
  anchor: HTMLElement;
  items: ICrumbMenuItem[];
  ariaLabel: string;
  onClose: () => void;
}

export function CrumbMenu(props: ICrumbMenuProps): JSX.Element {
  const menu = React.useRef<HTMLDivElement>(null);
  const box = props.anchor.getBoundingClientRect();
  // The latest onClose, so the listeners below need not be added again when the parent re-renders.
  const onClose = React.useRef(props.onClose);
  onClose.current = props.onClose;
  const { anchor } = props;
  React.useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  React.useEffect(() => {
    const close = () => onClose.current();
    const closeOnOutside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !anchor.contains(target)) {
        close();
      }
    };
    // pointerdown: Lumino's widgets (the sidebar's resize handle) cancel the mousedown that follows.
    document.addEventListener('pointerdown', closeOnOutside, true);
    window.addEventListener('resize', close);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutside, true);
      window.removeEventListener('resize', close);
    };
  }, [anchor]);
  const onKeyDown = (event: React.KeyboardEvent) => {
    const buttons = Array.from(menu.current?.querySelectorAll('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => buttons[(to + buttons.length) % buttons.length]?.focus();
    switch (event.key) {
      case 'Escape':
        props.onClose();
        props.anchor.focus();
        break;
      case 'ArrowDown':
        move(at + 1);
        break;
      case 'ArrowUp':
        move(at - 1);
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };
  return createPortal(
    <div
      ref={menu}
      className="jp-helium-crumb-menu"
      role="menu"
      aria-label={props.ariaLabel}
      data-testid="helium-crumb-menu"
      style={{ left: box.left, top: box.bottom }}
      onKeyDown={onKeyDown}
    >
      {props.items.map((item, i) => (
        <button
          key={i}
          role="menuitem"
          className="jp-helium-crumb-menu-item"
          title={item.title}
          onClick={() => {
            props.onClose();
            item.onSelect();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>,
    document.body
  );
}
