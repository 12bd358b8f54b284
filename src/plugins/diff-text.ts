/**
 * Plugin: the Text diff provider (CodeMirror merge view) for text files of any kind.
 */
import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { Extension } from '@codemirror/state';
import { HeliumError } from '../service/error-class';
import { decodeText, isMarkedUtf16 } from '../service/formats/text-decode';
import { IDiffContext, IDiffProviders } from '../tokens';
import { basename } from '../widgets/diff/diff-labels';
import { textRank } from '../models/diff-ranks';

/** Bytes per side the text view loads without asking. */
const TEXT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Syntax highlighting for a key, when JupyterLab knows its language.
 * @param languages - the editor languages, if available.
 * @param key - the key.
 * @param contentType - its Content-Type.
 * @returns the language extension, or null.
 */
async function languageFor(languages: IEditorLanguageRegistry | null, key: string, contentType?: string): Promise<Extension | null> {
  if (!languages) {
    return null;
  }
  try {
    const spec = languages.findByFileName(basename(key)) ?? (contentType ? languages.findByMIME(contentType.split(';')[0]) : null);
    const loaded = spec ? await languages.getLanguage(spec) : null;
    return loaded?.support ?? null;
  } catch {
    return null; // no highlighting rather than no diff
  }
}

export const diffTextPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-helium:diff-text',
  description: 'Compares text files line by line, side by side or unified.',
  autoStart: true,
  requires: [IDiffProviders],
  optional: [ITranslator, IEditorLanguageRegistry],
  activate: (
    _app: JupyterFrontEnd,
    providers: IDiffProviders,
    translator: ITranslator | null,
    languages: IEditorLanguageRegistry | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_helium');
    providers.register({
      id: 'text',
      label: trans.__('Text'),
      maxBytes: TEXT_MAX_BYTES,
      rank: textRank,
      createView: async (context: IDiffContext) => {
        const { left, right } = context.request;
        const [a, b, language, { TextDiffView }, { looksBinary }] = await Promise.all([
          context.readBytes(left),
          context.readBytes(right),
          languageFor(languages, right.key, right.contentType),
          import('../widgets/diff/TextDiffView'),
          import('../widgets/diff/text-stats')
        ]);
        for (const [bytes, name] of [
          [a, 'A'],
          [b, 'B']
        ] as const) {
          // UTF-16 text has NUL bytes: its byte-order mark says it is text.
          if (looksBinary(bytes) && !isMarkedUtf16(bytes)) {
            throw new HeliumError(
              'InvalidInput',
              trans.__('Version %1 is not text (it contains binary data). Choose Summary in "View as".', name)
            );
          }
        }
        // Not UTF-8's U+FFFD for latin-1 bytes: two versions differing in an accent would read the same.
        return new TextDiffView({ left: decodeText(a).text, right: decodeText(b).text, language, trans });
      }
    });
  }
};
