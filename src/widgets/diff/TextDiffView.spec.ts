import { Widget } from '@lumino/widgets';
import { TextDiffView } from './TextDiffView';
import { testTrans as trans } from '../../testing/translation';

// @jupyterlab/codemirror is ESM, which this project's jest setup does not transform; the view
// only takes its theme extension from it.
jest.mock('@jupyterlab/codemirror', () => ({ jupyterTheme: [] }));

describe('TextDiffView', () => {
  afterEach(() => {
    document.body.textContent = '';
  });

  it('shows a read-only side-by-side merge view with the count of changed lines', () => {
    const view = new TextDiffView({ left: 'a\nb\nc\n', right: 'a\nB\nc\nd\n', trans, mode: 'split' });
    Widget.attach(view, document.body);
    expect(view.node.querySelector('.cm-mergeView')).not.toBeNull();
    expect(view.node.querySelectorAll('.cm-editor')).toHaveLength(2);
    expect(view.node.querySelector('.cm-content')!.getAttribute('contenteditable')).toBe('false');
    expect(view.node.querySelector('.jp-helium-diff-count-added')!.textContent).toBe('+2 lines');
    expect(view.node.querySelector('.jp-helium-diff-count-removed')!.textContent).toBe('−1 line');
    view.dispose();
  });

  it('switches to the unified view and back', () => {
    const view = new TextDiffView({ left: 'x\n', right: 'y\n', trans, mode: 'split' });
    Widget.attach(view, document.body);
    (view.node.querySelector('[data-mode="unified"]') as HTMLButtonElement).click();
    expect(view.mode).toBe('unified');
    expect(view.node.querySelector('.cm-mergeView')).toBeNull();
    expect(view.node.querySelectorAll('.cm-editor')).toHaveLength(1);
    expect(view.node.querySelector('[data-mode="unified"]')!.getAttribute('aria-pressed')).toBe('true');
    expect(TextDiffView.lastMode).toBe('unified');
    view.setMode('split');
    expect(view.node.querySelectorAll('.cm-editor')).toHaveLength(2);
    view.dispose();
  });

  it('says when only line breaks differ, which the merge view cannot show', () => {
    const crlf = new TextDiffView({ left: 'a\r\nb\r\n', right: 'a\nb\n', trans });
    expect(crlf.node.querySelector('.jp-helium-diff-layout')!.textContent).toBe(
      'Only the line breaks differ: version A uses CRLF, version B uses LF.'
    );
    expect(crlf.node.querySelector('.jp-helium-diff-identical')).toBeNull();
    crlf.dispose();
    const final = new TextDiffView({ left: 'a\nb', right: 'a\nb\n', trans });
    expect(final.node.querySelector('.jp-helium-diff-layout')!.textContent).toBe(
      'Only the line break at the end differs: version B ends with one, version A does not.'
    );
    final.dispose();
    const changed = new TextDiffView({ left: 'a\r\n', right: 'b\n', trans });
    expect(changed.node.querySelector('.jp-helium-diff-layout')).toBeNull();
    expect(changed.node.querySelector('.jp-helium-diff-counts')).not.toBeNull();
    changed.dispose();
  });

  it('says when the texts are identical', () => {
    const view = new TextDiffView({ left: 'same', right: 'same', trans });
    expect(view.node.querySelector('.jp-helium-diff-identical')).not.toBeNull();
    expect(view.node.querySelector('.jp-helium-diff-counts')).toBeNull();
    view.dispose();
  });
});
