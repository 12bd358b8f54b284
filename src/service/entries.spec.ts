import { Entry, filterEntries, FolderEntry, ObjectEntry, sortEntries } from './entries';
import { compareNames, compareNamesWithCollator, naturalKey } from './natural-order';

const folder = (name: string): FolderEntry => ({ kind: 'folder', name, prefix: `p/${name}/` });
const object = (name: string, size = 0, modified = 0): ObjectEntry => ({
  kind: 'object',
  name,
  key: `p/${name}`,
  size,
  lastModified: new Date(modified)
});
const names = (entries: readonly Entry[]) => entries.map(e => e.name);

describe('sortEntries', () => {
  const entries: Entry[] = [
    object('file10.txt', 5, 3000),
    folder('dir10'),
    object('file2.txt', 50, 1000),
    folder('dir2'),
    object('File1.txt', 500, 2000),
    object('file1.txt', 5, 2000)
  ];

  it('puts folders first and uses natural order by name', () => {
    expect(names(sortEntries(entries, { by: 'name', direction: 'asc' }))).toEqual([
      'dir2',
      'dir10',
      'file1.txt',
      'File1.txt',
      'file2.txt',
      'file10.txt'
    ]);
  });

  it('reverses names (folders still first)', () => {
    expect(names(sortEntries(entries, { by: 'name', direction: 'desc' }))).toEqual([
      'dir10',
      'dir2',
      'file10.txt',
      'file2.txt',
      'File1.txt',
      'file1.txt'
    ]);
  });

  it('sorts objects by size, ties by name; folders first by name', () => {
    expect(names(sortEntries(entries, { by: 'size', direction: 'asc' }))).toEqual([
      'dir2',
      'dir10',
      'file1.txt',
      'file10.txt',
      'file2.txt',
      'File1.txt'
    ]);
    expect(names(sortEntries(entries, { by: 'size', direction: 'desc' }))).toEqual([
      'dir2',
      'dir10',
      'File1.txt',
      'file2.txt',
      'file1.txt',
      'file10.txt'
    ]);
  });

  it('sorts objects by modification time', () => {
    expect(names(sortEntries(entries, { by: 'modified', direction: 'desc' }))).toEqual([
      'dir2',
      'dir10',
      'file10.txt',
      'file1.txt',
      'File1.txt',
      'file2.txt'
    ]);
  });

  it('does not change its input', () => {
    const copy = entries.slice();
    sortEntries(entries, { by: 'size', direction: 'desc' });
    expect(entries).toEqual(copy);
  });

  it('sorts 100k entries quickly and correctly', () => {
    const many: Entry[] = [];
    for (let i = 0; i < 100_000; i++) {
      many.push(i % 10 === 0 ? folder(`dir${i}`) : object(`file${i}.csv`, (i * 7919) % 100_003, i * 1000));
    }
    // shuffle deterministically
    for (let i = many.length - 1; i > 0; i--) {
      const j = (i * 2654435761) % (i + 1);
      [many[i], many[j]] = [many[j], many[i]];
    }
    const byName = sortEntries(many, { by: 'name', direction: 'asc' });
    const bySize = sortEntries(many, { by: 'size', direction: 'desc' });
    expect(byName).toHaveLength(100_000);
    expect(byName[0].name).toBe('dir0');
    expect(byName[1].name).toBe('dir10');
    expect(byName[9_999].name).toBe('dir99990');
    expect(byName[10_000].name).toBe('file1.csv');
    expect(byName[10_001].name).toBe('file2.csv');
    expect(byName[99_999].name).toBe('file99999.csv');
    let ordered = true;
    for (let i = 10_001; i < bySize.length; i++) {
      ordered &&= (bySize[i - 1] as ObjectEntry).size >= (bySize[i] as ObjectEntry).size;
    }
    expect(ordered).toBe(true);
    expect(bySize.slice(0, 10_000).every(e => e.kind === 'folder')).toBe(true);
  });
});

describe('filterEntries', () => {
  const entries: Entry[] = [folder('Data'), object('readme.MD'), object('data.csv'), object('other.txt')];

  it('matches a case-insensitive substring of the name', () => {
    expect(names(filterEntries(entries, 'DATA'))).toEqual(['Data', 'data.csv']);
    expect(names(filterEntries(entries, '.md'))).toEqual(['readme.MD']);
    expect(names(filterEntries(entries, 'zzz'))).toEqual([]);
  });

  it('keeps everything for an empty filter', () => {
    expect(names(filterEntries(entries, ''))).toEqual(names(entries));
  });

  it('filters 100k entries', () => {
    const many: Entry[] = Array.from({ length: 100_000 }, (_, i) => object(`file-${i}.csv`));
    expect(filterEntries(many, '-9999')).toHaveLength(11); // 9999, 99990..99999
  });
});

describe('natural order', () => {
  it('orders numbers by value and letters case-insensitively', () => {
    const sorted = ['b', 'a10', 'A2', 'a2', 'a1', 'a01', 'a', '_x', '10', '9', 'ä', 'Z'].sort(compareNames);
    expect(sorted).toEqual(['_x', '9', '10', 'a', 'ä', 'a01', 'a1', 'a2', 'A2', 'a10', 'b', 'Z']);
  });

  it('agrees with the collator on random printable ASCII names', () => {
    const alphabet = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCXYZabcxyz[\\]^_`{|}~000';
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const name = () => {
      let s = '';
      for (let n = Math.floor(random() * 8); n > 0; n--) {
        s += alphabet[Math.floor(random() * alphabet.length)];
      }
      return s;
    };
    const mismatches: string[] = [];
    for (let t = 0; t < 50_000; t++) {
      const a = name();
      const b = name();
      if (Math.sign(compareNames(a, b)) !== Math.sign(compareNamesWithCollator(a, b))) {
        mismatches.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('leaves non-ASCII names to the collator', () => {
    expect(naturalKey('ü.txt')).toBeNull();
    expect(naturalKey('tab\t')).toBeNull();
    expect(naturalKey('plain-1.txt')).not.toBeNull();
    expect(compareNames('é', 'f')).toBeLessThan(0);
    expect(compareNames('e', 'é')).toBeLessThan(0);
  });
});
