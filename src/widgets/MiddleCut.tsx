/**
 * A name cut in the middle when it does not fit (see middle-cut.ts): the head gives way with an
 * ellipsis, the tail (extension, last path step) stays, or, where even 12 characters of head
 * would not fit beside it, is left out whole (style/base.css). The whole text is still in the DOM (copy,
 * find and screen readers get all of it), and the tooltip shows it.
 */
import * as React from 'react';
import { KeyText } from './KeyText';
import { middleCutPoint } from './middle-cut';

/** Props of {@link MiddleCut}. */
export interface IMiddleCutProps {
  /** Display text (from `displayKey`). */
  text: string;
  /** Tooltip; the text itself by default, `null` for none (the row around it has one). */
  title?: string | null;
  /** Extra class of the outer span. */
  className?: string;
  /** Renders a part (default: {@link KeyText}); `start` is its index in `text`. */
  render?: (part: string, start: number) => React.ReactNode;
}

/**
 * The text in a head and a tail span.
 * @param props - text, tooltip, class and how to render a part.
 * @returns the spans.
 */
export function MiddleCut(props: IMiddleCutProps): JSX.Element {
  const { text } = props;
  const at = middleCutPoint(text);
  const render = props.render ?? ((part: string) => <KeyText text={part} />);
  const title = props.title === undefined ? text : (props.title ?? undefined);
  return (
    <span className={`jp-helium-middle-cut${props.className ? ` ${props.className}` : ''}`} title={title}>
      <span className="jp-helium-middle-cut-head">{render(text.slice(0, at), 0)}</span>
      {at < text.length && <span className="jp-helium-middle-cut-tail">{render(text.slice(at), at)}</span>}
    </span>
  );
}
