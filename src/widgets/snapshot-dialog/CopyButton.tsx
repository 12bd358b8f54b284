/** A button that copies a text and says so. */
import * as React from 'react';
import { Clipboard } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * Copies its text to the clipboard; its label turns to "Copied".
 * @param props - translations, the text, a class and the label.
 * @returns the element.
 */
export function CopyButton(props: { trans: TranslationBundle; text: string; className: string; label: string }): JSX.Element {
  const [copied, setCopied] = React.useState(false);
  return (
    <button
      type="button"
      className={`jp-mod-styled jp-helium-snapshot-copy ${props.className}`}
      onClick={() => {
        Clipboard.copyToSystem(props.text);
        setCopied(true);
      }}
    >
      {copied ? props.trans.__('Copied') : props.label}
    </button>
  );
}
