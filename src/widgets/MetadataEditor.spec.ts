/**
 * The metadata editor tells JupyterLab's Dialog about problems the way the Dialog looks for them:
 * an element with `jp-mod-error`, and an `input` event that reaches the document after it is set.
 */
import { Widget } from '@lumino/widgets';
import { testTrans as trans } from '../testing/translation';
import { MetadataEditor } from './MetadataEditor';

const check = (text: string) => (text.startsWith('{') ? null : 'not JSON');

/** What a Dialog would decide on each input event it sees: whether it has errors. */
function watchLikeADialog(root: HTMLElement): boolean[] {
  const seen: boolean[] = [];
  document.addEventListener('input', () => seen.push(root.querySelector('.jp-mod-error') !== null), true);
  return seen;
}

function type(editor: MetadataEditor, text: string): void {
  const area = editor.node.querySelector('textarea')!;
  area.value = text;
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('MetadataEditor', () => {
  it('marks a problem for the dialog and re-sends input after marking it', () => {
    const editor = new MetadataEditor({ text: '{}', trans, check, uri: 's3://b/k' });
    Widget.attach(editor, document.body);
    const seen = watchLikeADialog(editor.node);
    type(editor, 'oops');
    // The dialog's capture listener runs before the editor's: the last check it makes must see the error.
    expect(seen[seen.length - 1]).toBe(true);
    expect(editor.problem).toBe('not JSON');
    expect(editor.node.querySelector('.jp-helium-metadata-problem')!.textContent).toBe('not JSON');
    type(editor, '{"ok": 1}');
    expect(seen[seen.length - 1]).toBe(false);
    expect(editor.problem).toBeNull();
    Widget.detach(editor);
  });

  it('names its text area for screen readers', () => {
    const editor = new MetadataEditor({ text: '{}', trans, check, uri: 's3://b/k' });
    expect(editor.node.querySelector('textarea')!.getAttribute('aria-label')).toBe('User metadata (JSON)');
  });

  it('starts with the state of the text it was given', () => {
    const editor = new MetadataEditor({ text: 'bad', trans, check, uri: 's3://b/k' });
    expect(editor.problem).toBe('not JSON');
    expect(editor.node.querySelector('.jp-mod-error')).not.toBeNull();
  });
});
