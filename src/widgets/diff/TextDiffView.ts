/**
 * The text diff: CodeMirror's merge view, side by side or unified, read-only, with unchanged
 * regions collapsed, JupyterLab's editor theme and syntax highlighting when a language is known.
 */
import { MergeView, unifiedMergeView } from '@codemirror/merge';
import { EditorState, Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { jupyterTheme } from '@jupyterlab/codemirror';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Message } from '@lumino/messaging';
import { Widget } from '@lumino/widgets';
import { h } from './dom';
import { countChangedLines, DIFF_CONFIG, ILayoutDifference, ILineCounts, layoutDifference } from './text-stats';

/** How the two texts are laid out. */
export type TextDiffMode = 'split' | 'unified';

/** What a {@link TextDiffView} shows. */
export interface ITextDiffViewOptions {
  left: string;
  right: string;
  /** Syntax highlighting, when the language is known. */
  language?: Extension | null;
  trans: TranslationBundle;
  /** The layout to start with (default: the last one chosen). */
  mode?: TextDiffMode;
}

/**
 * What to say when the lines are the same but the texts are not (a line diff shows nothing).
 * @param difference - the line breaks or final break that differ.
 * @param trans - translations.
 * @returns the sentences.
 */
function layoutText(difference: ILayoutDifference, trans: TranslationBundle): string {
  const sentences: string[] = [];
  if (difference.finalBreak) {
    sentences.push(
      difference.finalBreak[0]
        ? trans.__('Only the line break at the end differs: version A ends with one, version B does not.')
        : trans.__('Only the line break at the end differs: version B ends with one, version A does not.')
    );
  }
  if (difference.lineBreaks) {
    const [a, b] = difference.lineBreaks;
    sentences.push(
      difference.finalBreak
        ? trans.__('The line breaks differ too: version A uses %1, version B uses %2.', a, b)
        : trans.__('Only the line breaks differ: version A uses %1, version B uses %2.', a, b)
    );
  }
  return sentences.join(' ');
}

/** Unchanged stretches longer than this are collapsed, keeping this many lines around changes. */
const COLLAPSE = { margin: 3, minSize: 6 };

/** The text diff view. */
export class TextDiffView extends Widget {
  /** The layout the next view starts with: the last one a person chose. */
  static lastMode: TextDiffMode = 'split';

  /**
   * Create the view and its editors.
   * @param options - both texts, the language and translations.
   */
  constructor(options: ITextDiffViewOptions) {
    super();
    this._options = options;
    this._mode = options.mode ?? TextDiffView.lastMode;
    this.addClass('jp-helium-diff-text');
    this._counts = countChangedLines(options.left, options.right);
    this._lineBreaks = this._counts.added + this._counts.removed === 0 ? layoutDifference(options.left, options.right) : null;
    this._bar = h('div', { className: 'jp-helium-diff-viewbar' });
    this._host = h('div', { className: 'jp-helium-diff-editor' });
    this.node.append(this._bar, this._host);
    this._renderBar();
    this._build();
  }

  /** The current layout. */
  get mode(): TextDiffMode {
    return this._mode;
  }

  /** Lines added and removed. */
  get counts(): ILineCounts {
    return this._counts;
  }

  /**
   * Switch the layout.
   * @param mode - side by side or unified.
   */
  setMode(mode: TextDiffMode): void {
    if (mode === this._mode) {
      return;
    }
    this._mode = mode;
    TextDiffView.lastMode = mode;
    this._renderBar();
    this._build();
  }

  /** Destroy the editors. */
  dispose(): void {
    this._destroyEditors();
    super.dispose();
  }

  protected onResize(msg: Widget.ResizeMessage): void {
    super.onResize(msg);
    this._requestMeasure();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._requestMeasure();
  }

  /** Ask the editors to measure again (after a resize or becoming visible). */
  private _requestMeasure(): void {
    this._merge?.a.requestMeasure();
    this._merge?.b.requestMeasure();
    this._unified?.requestMeasure();
  }

  /** The mode toggle and the count of changed lines. */
  private _renderBar(): void {
    const { trans } = this._options;
    const { added, removed } = this._counts;
    const toggle = (mode: TextDiffMode, label: string) =>
      h('button', {
        className: `jp-helium-diff-mode${this._mode === mode ? ' jp-mod-active' : ''}`,
        text: label,
        attrs: { type: 'button', 'data-mode': mode, 'aria-pressed': String(this._mode === mode) },
        onClick: () => this.setMode(mode)
      });
    const same = added === 0 && removed === 0 && this._options.left === this._options.right;
    const layout = this._lineBreaks;
    this._bar.textContent = '';
    this._bar.append(
      h('div', { className: 'jp-helium-diff-modes', attrs: { role: 'group', 'aria-label': trans.__('Layout') } }, [
        toggle('split', trans.__('Side by side')),
        toggle('unified', trans.__('Unified'))
      ]),
      same
        ? h('span', { className: 'jp-helium-diff-identical', text: trans.__('The texts are identical.') })
        : layout
          ? h('span', { className: 'jp-helium-diff-layout', text: layoutText(layout, trans) })
          : h('span', { className: 'jp-helium-diff-counts', attrs: { 'data-added': String(added), 'data-removed': String(removed) } }, [
              h('span', { className: 'jp-helium-diff-count-added', text: trans._n('+%1 line', '+%1 lines', added) }),
              ' ',
              h('span', { className: 'jp-helium-diff-count-removed', text: trans._n('−%1 line', '−%1 lines', removed) })
            ])
    );
  }

  /** Extensions shared by every editor: read-only, line numbers, theme, language. */
  private _extensions(): Extension[] {
    const extensions: Extension[] = [EditorState.readOnly.of(true), EditorView.editable.of(false), lineNumbers(), jupyterTheme];
    if (this._options.language) {
      extensions.push(this._options.language);
    }
    return extensions;
  }

  /** Build the editors of the current layout. */
  private _build(): void {
    this._destroyEditors();
    const { left, right } = this._options;
    this._host.dataset.mode = this._mode;
    if (this._mode === 'split') {
      this._merge = new MergeView({
        a: { doc: left, extensions: this._extensions() },
        b: { doc: right, extensions: this._extensions() },
        parent: this._host,
        collapseUnchanged: COLLAPSE,
        gutter: true,
        highlightChanges: true,
        diffConfig: DIFF_CONFIG
      });
    } else {
      this._unified = new EditorView({
        parent: this._host,
        state: EditorState.create({
          doc: right,
          extensions: [
            ...this._extensions(),
            unifiedMergeView({
              original: left,
              mergeControls: false,
              gutter: true,
              highlightChanges: true,
              collapseUnchanged: COLLAPSE,
              diffConfig: DIFF_CONFIG
            })
          ]
        })
      });
    }
  }

  /** Destroy the editors, if any. */
  private _destroyEditors(): void {
    this._merge?.destroy();
    this._merge = null;
    this._unified?.destroy();
    this._unified = null;
    this._host.textContent = '';
  }

  private _options: ITextDiffViewOptions;
  private _mode: TextDiffMode;
  private _counts: ILineCounts;
  /** Set when the lines are the same and only line breaks differ. */
  private _lineBreaks: ILayoutDifference | null;
  private _bar: HTMLElement;
  private _host: HTMLElement;
  private _merge: MergeView | null = null;
  private _unified: EditorView | null = null;
}
