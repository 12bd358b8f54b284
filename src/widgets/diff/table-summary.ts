/**
 * The summary above the table diff grid: row counts, +added −removed ~changed, changed cells,
 * schema changes and a note on duplicate keys. Plain DOM with text only (column names and values
 * are attacker-controlled); `data-*` attributes carry the numbers for tests and styles.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { TableDiff } from '../../service/diff/table';

/** Create an element with a class and text (as text, never HTML). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A count with grouping separators. */
function n(value: number): string {
  return value.toLocaleString();
}

/**
 * The counts line: `.jp-helium-tablediff-summary`, with `data-status` (`identical` or
 * `changed`) and `data-same/changed/added/removed/cells` attributes.
 * @param diff - the diff.
 * @param trans - translations.
 * @returns the element.
 */
export function summaryLine(diff: TableDiff, trans: TranslationBundle): HTMLElement {
  const { counts } = diff;
  const summary = el('div', 'jp-helium-tablediff-summary');
  summary.dataset.status = diff.identical ? 'identical' : 'changed';
  summary.dataset.same = String(counts.same);
  summary.dataset.changed = String(counts.changed);
  summary.dataset.added = String(counts.added);
  summary.dataset.removed = String(counts.removed);
  summary.dataset.cells = String(diff.changedCells);
  summary.dataset.schemaChanged = String(diff.schemaChanged);
  summary.appendChild(el('span', 'jp-helium-tablediff-rows', trans.__('Rows: %1 → %2', n(diff.left.numRows), n(diff.right.numRows))));
  const count = (kind: string, text: string) => {
    const span = el('span', 'jp-helium-tablediff-count', text);
    span.dataset.kind = kind;
    summary.appendChild(span);
  };
  if (diff.identical) {
    count('identical', trans.__('No differences'));
    return summary;
  }
  count('added', trans.__('+%1 added', n(counts.added)));
  count('removed', trans.__('−%1 removed', n(counts.removed)));
  count('changed', trans.__('~%1 changed', n(counts.changed)));
  count('cells', trans._n('%1 cell changed', '%1 cells changed', diff.changedCells));
  return summary;
}

/**
 * The schema changes: `.jp-helium-tablediff-schema`, one `li` per added, removed or retyped
 * column with `data-status` and `data-column`; null when the schemas match.
 * @param diff - the diff.
 * @param trans - translations.
 * @returns the list, or null.
 */
export function schemaList(diff: TableDiff, trans: TranslationBundle): HTMLElement | null {
  const changed = diff.columns.filter(c => c.status !== 'same');
  if (changed.length === 0) {
    return null;
  }
  const list = el('ul', 'jp-helium-tablediff-schema');
  for (const c of changed) {
    let text: string;
    if (c.status === 'added') {
      text = trans.__('+ column “%1” (%2)', c.name, c.rightType ?? '');
    } else if (c.status === 'removed') {
      text = trans.__('− column “%1” (%2)', c.name, c.leftType ?? '');
    } else {
      text = trans.__('column “%1”: %2 → %3', c.name, c.leftType ?? '', c.rightType ?? '');
    }
    const item = el('li', 'jp-helium-tablediff-schema-item', text);
    item.dataset.status = c.status;
    item.dataset.column = c.name;
    list.appendChild(item);
  }
  return list;
}

/**
 * The duplicate-key note (`.jp-helium-tablediff-note`), or null when keys are unique.
 * @param diff - the diff.
 * @param trans - translations.
 * @returns the note, or null.
 */
export function duplicateNote(diff: TableDiff, trans: TranslationBundle): HTMLElement | null {
  const { left, right, example } = diff.duplicateKeys;
  if (left === 0 && right === 0) {
    return null;
  }
  const sample = example ? diff.keyText(example.side, example.row) : '';
  const note = el(
    'div',
    'jp-helium-tablediff-note',
    trans.__(
      'The key is not unique: %1 key values repeat on the left and %2 on the right (e.g. “%3”). Rows with the same key are paired in order of occurrence; pick another key for an exact match.',
      n(left),
      n(right),
      sample
    )
  );
  note.dataset.duplicatesLeft = String(left);
  note.dataset.duplicatesRight = String(right);
  return note;
}
