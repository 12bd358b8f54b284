import { countChangedLines, layoutDifference, lineBreaks, looksBinary } from './text-stats';

describe('countChangedLines', () => {
  it('counts nothing for equal texts', () => {
    expect(countChangedLines('a\nb\n', 'a\nb\n')).toEqual({ added: 0, removed: 0, chunks: 0 });
  });

  it('counts replaced, inserted and deleted lines', () => {
    const left = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'].join('\n');
    const right = ['one', 'TWO', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].join('\n');
    expect(countChangedLines(left, right)).toEqual({ added: 3, removed: 1, chunks: 2 });
    expect(countChangedLines('a\nb\nc', 'a\nc')).toMatchObject({ added: 0, removed: 1 });
  });
});

describe('looksBinary', () => {
  it('finds a NUL byte near the start', () => {
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('plain text é'))).toBe(false);
  });
});

describe('layoutDifference', () => {
  it('says when only the line breaks differ (CRLF and LF), which no line diff shows', () => {
    expect(layoutDifference('a\r\nb\r\n', 'a\nb\n')).toEqual({ lineBreaks: ['CRLF', 'LF'] });
    expect(layoutDifference('a\rb', 'a\r\nb')).toEqual({ lineBreaks: ['CR', 'CRLF'] });
    expect(lineBreaks('a\r\nb\nc')).toBe('mixed');
  });

  it('says when only the line break at the end differs, with the line breaks too', () => {
    expect(layoutDifference('a\nb', 'a\nb\n')).toEqual({ finalBreak: [false, true] });
    expect(layoutDifference('a\r\nb\r\n', 'a\nb')).toEqual({ finalBreak: [true, false], lineBreaks: ['CRLF', 'LF'] });
  });

  it('is null for equal texts and for texts whose lines differ', () => {
    expect(layoutDifference('a\n', 'a\n')).toBeNull();
    expect(layoutDifference('a\r\nb', 'a\nc')).toBeNull();
    expect(layoutDifference('a\n\n', 'a')).toBeNull();
  });
});
