/**
 * The table diff of CSV files that are not UTF-8: latin-1 (Windows-1252) bytes and UTF-16 with a
 * byte-order mark, as Excel and older tools write them. pandas refuses both with its default
 * encoding; we read them, and must never call two different files identical.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { diffTables, loadTable } from './table';

const latin1 = (text: string) => Uint8Array.from(text, c => c.charCodeAt(0));

/** UTF-16LE bytes with their byte-order mark (Python's `'…'.encode('utf-16')` on x86). */
function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

describe('table diff of CSV in other encodings', () => {
  it('sees a changed latin-1 accent (not two U+FFFD that compare equal)', async () => {
    const left = await loadTable(latin1('id,name\n1,café\n2,naïve\n'), 'people.csv');
    const right = await loadTable(latin1('id,name\n1,cafè\n2,naïve\n'), 'people.csv');
    const diff = diffTables(left, right, { keyColumns: ['id'] });
    expect(diff.identical).toBe(false);
    expect(diff.counts).toEqual({ same: 1, changed: 1, added: 0, removed: 0 });
    expect([diff.cellText('left', 0, 1), diff.cellText('right', 0, 1)]).toEqual(['café', 'cafè']);
  });

  it('sees only the row with a stray latin-1 byte as changed in a UTF-8 file', async () => {
    const utf8 = new TextEncoder().encode('id,name\n1,café\n2,naïve\n3,x\n');
    const stray = Uint8Array.of(...new TextEncoder().encode('id,name\n1,café\n2,naïve\n3,x'), 0xe9, 0x0a);
    const diff = diffTables(await loadTable(utf8, 'p.csv'), await loadTable(stray, 'p.csv'), { keyColumns: ['id'] });
    expect(diff.counts).toEqual({ same: 2, changed: 1, added: 0, removed: 0 });
    expect(diff.cellText('right', 2, 1)).toBe('xé');
  });

  it('reads UTF-16 CSV by its byte-order mark', async () => {
    const left = await loadTable(utf16('id,name\n1,x\n'), 'u.csv');
    const right = await loadTable(utf16('id,name\n1,y\n'), 'u.csv');
    expect(left.schema.fields.map(f => f.name)).toEqual(['id', 'name']);
    const diff = diffTables(left, right, { keyColumns: ['id'] });
    expect(diff.counts.changed).toBe(1);
    expect(diff.cellText('right', 0, 1)).toBe('y');
  });

  it('reads UTF-16 TSV too', async () => {
    const table = await loadTable(utf16('a\tb\n1\té\n'), 'u.tsv');
    expect([...table.getChild('b')!]).toEqual(['é']);
  });
});
