/**
 * `helium diff` of two tables (Parquet, Arrow/Feather, CSV, TSV), for a terminal and for
 * `--json`: how rows were matched, the columns added, removed or retyped, row counts, then the
 * first changed rows with each changed cell as `column: old → new` (what `daff` or `datacompy`
 * print). One pass over the engine's {@link TableDiff} builds the JSON summary; the text is
 * written from that summary, so both always say the same. Pure: no S3, no loading.
 */
import { RowStatus } from '../service/diff/table-align';
import type { ColumnStatus } from '../service/diff/table-columns';
import type { TableDiff } from '../service/diff/table-result';
import { safeText } from './output';

/**
 * How rows were matched: on key columns (given with `--key`, the pandas index the tables were
 * written with, or another suggested column), or by position.
 */
export type RowMatch = { by: 'key'; columns: string[]; chosen: KeyChoice } | { by: 'position' };

/** Where the key columns came from. */
export type KeyChoice = 'given' | 'pandas-index' | 'suggested';

/** A column of either table. */
export interface TableColumnJson {
  name: string;
  status: ColumnStatus;
  /** Its Arrow type on each side (e.g. `Int64`, `Utf8`), null where it is absent. */
  leftType: string | null;
  rightType: string | null;
  /** Whether rows were matched on it. */
  key: boolean;
  /** How many of its cells changed (rows on both sides). */
  changedCells: number;
}

/** A changed cell: display text on each side (formatValue's), null for a null value. */
export interface TableCellJson {
  column: string;
  old: string | null;
  new: string | null;
}

/** A row that was added, removed or changed. */
export interface TableRowJson {
  status: 'changed' | 'added' | 'removed';
  /** The key column values (by key), or null (by position). */
  key: Record<string, string | null> | null;
  /** The row's index in each table, from 0 (pandas' `iloc`), or null where it is absent. */
  leftRow: number | null;
  rightRow: number | null;
  /** Changed cells, in column order (empty for added and removed rows). */
  cells: TableCellJson[];
}

/** The table diff as `--json` gives it (beside `left`, `right`, `kind: 'table'`). */
export interface TableDiffSummary {
  identical: boolean;
  match: RowMatch;
  /** Every column: the newer table's order, then removed ones. */
  columns: TableColumnJson[];
  counts: {
    leftRows: number;
    rightRows: number;
    added: number;
    removed: number;
    changed: number;
    unchanged: number;
    changedCells: number;
    /** Key values found more than once in a table (paired in order of occurrence). */
    duplicateKeys: { left: number; right: number };
  };
  /** The first `--rows` added, removed or changed rows, in the newer table's order. */
  changes: TableRowJson[];
  /** How many more rows differ than `changes` lists. */
  more: number;
}

/** Values longer than this are cut in the text (the JSON keeps them whole). */
const VALUE_CHARS = 200;

/**
 * Summarise a table diff.
 * @param diff - the engine's diff.
 * @param chosen - whether its key columns were given (`--key`), the pandas index or suggested; unused by position.
 * @param rows - how many changed rows to list.
 * @returns the summary.
 */
export function summarizeTableDiff(diff: TableDiff, chosen: KeyChoice, rows: number): TableDiffSummary {
  const keyIndices = diff.keyColumns.map(name => diff.columns.findIndex(c => c.isKey && c.name === name));
  const listed = Math.min(rows, diff.changedRows.length);
  const changes: TableRowJson[] = [];
  for (let i = 0; i < listed; i++) {
    const row = diff.changedRows[i];
    const [leftRow, rightRow] = [diff.leftRow[row], diff.rightRow[row]];
    const keySide = rightRow >= 0 ? 'right' : 'left';
    const code = diff.status[row];
    changes.push({
      status: code === RowStatus.Added ? 'added' : code === RowStatus.Removed ? 'removed' : 'changed',
      key: diff.byKey
        ? Object.fromEntries(diff.keyColumns.map((name, k) => [name, diff.cellText(keySide, row, keyIndices[k]) ?? null]))
        : null,
      leftRow: leftRow >= 0 ? leftRow : null,
      rightRow: rightRow >= 0 ? rightRow : null,
      cells: diff.changedColumns(row).map(c => ({
        column: diff.columns[c].name,
        old: diff.cellText('left', row, c) ?? null,
        new: diff.cellText('right', row, c) ?? null
      }))
    });
  }
  const { same, changed, added, removed } = diff.counts;
  return {
    identical: diff.identical,
    match: diff.byKey ? { by: 'key', columns: [...diff.keyColumns], chosen } : { by: 'position' },
    columns: diff.columns.map(c => ({
      name: c.name,
      status: c.status,
      leftType: c.leftType ?? null,
      rightType: c.rightType ?? null,
      key: c.isKey,
      changedCells: c.changedCells
    })),
    counts: {
      leftRows: diff.left.numRows,
      rightRows: diff.right.numRows,
      added,
      removed,
      changed,
      unchanged: same,
      changedCells: diff.changedCells,
      duplicateKeys: { left: diff.duplicateKeys.left, right: diff.duplicateKeys.right }
    },
    changes,
    more: diff.changedRows.length - listed
  };
}

/** A number with thousands separators. */
function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count with its noun, e.g. `1 row`, `3,000 rows`. */
function count(n: number, noun: string): string {
  return `${num(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/** A value for a terminal: `null`, `""` for the empty string, control characters shown, long text cut. */
function valueText(value: string | null): string {
  if (value === null) {
    return 'null';
  }
  if (value === '') {
    return '""';
  }
  return safeText(value.length > VALUE_CHARS ? `${value.slice(0, VALUE_CHARS)}…` : value);
}

/**
 * A column name for a terminal, quoted (JSON) when it would read as something else: empty, with
 * spaces at an end, or holding the separators of the lines it is in (`,` between key columns, `=`
 * before a key value, `:` before a cell change, a quote). `a,b=2` is then `"a,b"=2`, not the
 * columns a and b; `: 4 → 5` is `"": 4 → 5`.
 * @param name - the column name.
 * @returns the text to print.
 */
export function columnText(name: string): string {
  return name === '' || name.trim() !== name || /[,=:"]/.test(name) ? safeText(JSON.stringify(name)) : safeText(name);
}

/** Characters kept before the first difference when two long values are cut to show it. */
const DIFF_LEAD = 40;

/**
 * Two changed values, cut to show where they differ: long values that differ past
 * {@link VALUE_CHARS} would otherwise print as the same cut prefix on both sides. Both then start
 * with `…` a few characters before their first difference.
 * @param old - the older value.
 * @param value - the newer value.
 * @returns the two values to print.
 */
export function changedParts(old: string | null, value: string | null): [string | null, string | null] {
  if (old === null || value === null) {
    return [old, value];
  }
  let at = 0;
  while (at < old.length && at < value.length && old[at] === value[at]) {
    at++;
  }
  if (at < VALUE_CHARS - DIFF_LEAD) {
    return [old, value];
  }
  const from = at - DIFF_LEAD;
  return [`…${old.slice(from)}`, `…${value.slice(from)}`];
}

/** The line saying how rows were matched. */
function matchLine(match: RowMatch): string {
  if (match.by === 'position') {
    return 'Rows matched by position (no --key, and no id column unique in both tables): row N is the Nth data row of each, from 1.';
  }
  const columns = match.columns.map(columnText).join(', ');
  switch (match.chosen) {
    case 'given':
      return `Rows matched by key: ${columns} (--key).`;
    case 'pandas-index':
      return `Rows matched by key: ${columns} (the pandas index both tables were written with; --key picks others).`;
    default:
      return `Rows matched by key: ${columns} (an id column unique in both tables; --key picks others).`;
  }
}

/**
 * Added, removed or retyped columns listed by name: a wide table retyped whole (500 columns int
 * → float) would otherwise push the rows out of sight.
 */
const COLUMN_LINES = 30;

/** The column lines: counts, then one line per added, removed or retyped column (the first {@link COLUMN_LINES}). */
function columnLines(columns: TableColumnJson[]): string[] {
  const changed = columns.filter(c => c.status !== 'same');
  const shared = columns.length - changed.filter(c => c.status === 'added' || c.status === 'removed').length;
  if (changed.length === 0) {
    return [`Columns: the same ${count(columns.length, 'column')}.`];
  }
  const tally = (status: ColumnStatus) => changed.filter(c => c.status === status).length;
  const lines = [
    `Columns: ${tally('added')} added, ${tally('removed')} removed, ${tally('type-changed')} type changed (${num(shared)} in both).`
  ];
  for (const c of changed.slice(0, COLUMN_LINES)) {
    const name = columnText(c.name);
    if (c.status === 'added') {
      lines.push(`  + ${name}: ${c.rightType}`);
    } else if (c.status === 'removed') {
      lines.push(`  - ${name}: ${c.leftType}`);
    } else {
      lines.push(`  ~ ${name}: ${c.leftType} → ${c.rightType}`);
    }
  }
  if (changed.length > COLUMN_LINES) {
    lines.push(`  … and ${count(changed.length - COLUMN_LINES, 'more column')} (--json lists them all).`);
  }
  return lines;
}

/** A row's name: `id=7`, `region=south, year=2021`, or `row 7` (from 1) by position. */
function rowName(change: TableRowJson): string {
  if (change.key) {
    return Object.entries(change.key)
      .map(([column, value]) => `${columnText(column)}=${valueText(value)}`)
      .join(', ');
  }
  return `row ${(change.rightRow ?? change.leftRow ?? 0) + 1}`;
}

/**
 * The lines of the changed rows: `~ id=3` then `    column: old → new` per changed cell;
 * `+ id=21` (added), `- id=4` (removed).
 * @param summary - the summary.
 * @returns the lines.
 */
function rowLines(summary: TableDiffSummary): string[] {
  const lines: string[] = [];
  for (const change of summary.changes) {
    const mark = change.status === 'added' ? '+' : change.status === 'removed' ? '-' : '~';
    lines.push(`${mark} ${rowName(change)}`);
    for (const cell of change.cells) {
      const [before, after] = changedParts(cell.old, cell.new);
      lines.push(`    ${columnText(cell.column)}: ${valueText(before)} → ${valueText(after)}`);
    }
  }
  if (summary.more > 0) {
    lines.push(
      summary.changes.length > 0
        ? `… and ${count(summary.more, 'more row')} (--rows N lists more).`
        : `${count(summary.more, 'row')} differ (--rows N lists them).`
    );
  }
  return lines;
}

/**
 * The table diff as text.
 * @param summary - from {@link summarizeTableDiff}.
 * @param names - the two sides' names (`---` and `+++` lines).
 * @returns the text, ending in a newline.
 */
export function tableDiffText(summary: TableDiffSummary, names: [string, string]): string {
  const { counts } = summary;
  const lines = [`--- ${safeText(names[0])}`, `+++ ${safeText(names[1])}`, matchLine(summary.match), ...columnLines(summary.columns)];
  lines.push(
    `Rows (${num(counts.leftRows)} → ${num(counts.rightRows)}): ${num(counts.added)} added, ${num(counts.removed)} removed, ${num(counts.changed)} changed, ${num(counts.unchanged)} unchanged.`
  );
  const { left, right } = counts.duplicateKeys;
  if (left + right > 0) {
    lines.push(
      `Duplicate keys: ${count(left, 'key value')} repeated in the older table, ${num(right)} in the newer; their rows were paired in order of occurrence.`
    );
  }
  if (summary.identical) {
    lines.push('The tables are identical: only their bytes differ (encoding, compression or metadata).');
  } else {
    const rows = rowLines(summary);
    if (rows.length > 0) {
      lines.push('', ...rows);
    }
  }
  return `${lines.join('\n')}\n`;
}
