/**
 * Text made by `displayKey`, rendered with its Control Pictures (␉ for a tab, ␊ for a line feed,
 * ␡ for DEL) marked out: a person sees at once that the key holds a control character, and
 * which one (the tooltip names its code point). The text itself is unchanged (copying it gives
 * the same characters), and React escapes it.
 */
import * as React from 'react';

/** The Control Pictures block: U+2400–U+241F stand for C0 controls, U+2421 for DEL. */
const CONTROL_PICTURE = /[\u2400-\u2421]/u;
const CONTROL_PICTURES = /([\u2400-\u2421])/u;

/**
 * The code point a Control Picture stands for.
 * @param picture - one character of U+2400–U+2421.
 * @returns e.g. `U+0009`.
 */
export function controlCodeOf(picture: string): string {
  const code = picture.charCodeAt(0) === 0x2421 ? 0x7f : picture.charCodeAt(0) - 0x2400;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Props of {@link KeyText}. */
export interface IKeyTextProps {
  /** Display text, from `displayKey`. */
  text: string;
}

/**
 * Display text with each Control Picture in a marked span.
 * @param props - the text.
 * @returns the rendered text.
 */
export function KeyText(props: IKeyTextProps): JSX.Element {
  if (!CONTROL_PICTURE.test(props.text)) {
    return <>{props.text}</>;
  }
  // split with a capture group: odd indexes are the pictures.
  const parts = props.text.split(CONTROL_PICTURES);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="jp-helium-control-char" title={`${controlCodeOf(part)} (a control character)`}>
            {part}
          </span>
        ) : (
          part
        )
      )}
    </>
  );
}
