import { HeliumError } from '../error-class';
import { compileQuery, parseQuery } from './query';

describe('compileQuery', () => {
  it('binds every value as a parameter, never as SQL text', () => {
    const evil = `x'); DROP TABLE docs; --`;
    const c = compileQuery(`key:"${evil}" OR user_meta.a:"${evil}"`);
    expect(c.sql).not.toContain('DROP');
    expect(c.params).toContain(evil);
  });

  it('compiles fields, ranges, comparisons, NOT and groups', () => {
    const c = compileQuery(
      'user_meta.ocean:atlantic AND ext:.PARQUET AND size:>=100 AND NOT key:tmp\\/* AND last_modified:[2020-01-01 TO *]'
    );
    expect(c.params).toEqual(expect.arrayContaining(['$."ocean"', 'atlantic', '.parquet', 100, 'tmp/*', Date.parse('2020-01-01')]));
    expect(c.sql).toContain('NOT (');
  });

  it('has one parameter per placeholder, in order, for every kind of term', () => {
    const c = compileQuery(
      'user_meta.x:atlantic AND user_meta.y:>3 AND user_meta.z:a* AND user_meta.w:[1 TO 2] AND key:k AND size:[1 TO *] AND free'
    );
    expect(c.sql.split('?').length - 1).toBe(c.params.length);
    // The narrowing FTS match comes first, then the path, then the value.
    expect(c.params.slice(0, 3)).toEqual(['meta : "atlantic"', '$."x"', 'atlantic']);
  });

  it('puts a field on a group onto each of its terms', () => {
    const c = compileQuery('ext:(csv OR parquet)');
    expect(c.params).toEqual(['.csv', '.parquet']);
  });

  it('compiles nested user_meta paths with each segment quoted', () => {
    expect(compileQuery('user_meta.a.b:1').params).toContain('$."a"."b"');
  });

  it('notes when the query asks about delete markers', () => {
    expect(compileQuery('delete_marker:true').mentionsDeleteMarker).toBe(true);
    expect(compileQuery('ocean').mentionsDeleteMarker).toBe(false);
  });

  it('needs / escaped in a term, as Elasticsearch does, and says so', () => {
    expect(() => parseQuery('key:a/b')).toThrow(/at column 8/);
    expect(compileQuery('key:a\\/b*').params).toEqual(['a/b*']);
  });

  it('says where a syntax error is and what was expected', () => {
    let err: unknown;
    try {
      parseQuery('key:(a OR');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HeliumError);
    expect((err as HeliumError).kind).toBe('InvalidInput');
    expect((err as HeliumError).message).toMatch(/syntax error at column 10: the query ends too early/);
  });

  it('refuses unknown fields, bad numbers and dates, and regular expressions with the place', () => {
    expect(() => compileQuery('colour:red')).toThrow(/Unknown search field "colour" at column 1/);
    expect(() => compileQuery('size:>=lots')).toThrow(/"lots" at column 6 is not a number/);
    expect(() => compileQuery('last_modified:>yesterday')).toThrow(/not a date/);
    expect(() => compileQuery('key:/a.*/')).toThrow(/Regular expressions/);
    expect(() => compileQuery('type:folder')).toThrow(/object or snapshot/);
  });

  it('matches everything for an empty query or *', () => {
    expect(compileQuery('  ').sql).toBe('1');
    expect(compileQuery('*').sql).toBe('1');
  });
});

describe('parseQuery errors', () => {
  it('names an unexpected character', () => {
    expect(() => parseQuery('a AND )')).toThrow(/at column 7: unexpected "\)"/);
  });
});
