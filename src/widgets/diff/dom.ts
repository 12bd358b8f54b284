/**
 * A tiny DOM builder for the diff views that are plain Lumino widgets. Text goes in only as
 * `textContent`, never as HTML: keys, labels and file contents are attacker-controlled.
 */

/** What {@link h} sets on an element. */
export interface IElementProps {
  /** Space-separated class names. */
  className?: string;
  /** Text content (escaped by the DOM). */
  text?: string;
  /** Tooltip. */
  title?: string;
  /** Plain attributes (`data-*`, `aria-*`, `type`…). */
  attrs?: Record<string, string>;
  /** Click handler. */
  onClick?: (event: MouseEvent) => void;
}

/**
 * Create an element.
 * @param tag - the tag name.
 * @param props - class, text, title, attributes and click handler.
 * @param children - child elements (or strings, added as text nodes).
 * @returns the element.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: IElementProps = {},
  children: (Node | string | null | undefined | false)[] = []
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) {
    element.className = props.className;
  }
  if (props.text !== undefined) {
    element.textContent = props.text;
  }
  if (props.title !== undefined) {
    element.title = props.title;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  if (props.onClick) {
    element.addEventListener('click', props.onClick as EventListener);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/**
 * A button with a text label.
 * @param label - its text.
 * @param className - its classes (besides JupyterLab's button classes).
 * @param onClick - what it does.
 * @param accept - styled as the main action.
 * @returns the button.
 */
export function button(label: string, className: string, onClick: () => void, accept = false): HTMLButtonElement {
  return h('button', {
    className: `jp-Button ${accept ? 'jp-mod-accept' : 'jp-mod-reject'} jp-mod-styled ${className}`,
    text: label,
    attrs: { type: 'button' },
    onClick: () => onClick()
  });
}
