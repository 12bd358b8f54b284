import { testTrans as trans } from '../testing/translation';
import { baseName, documentPathProblem, drivePath, parseDrivePath } from './paths';

describe('s3: drive paths', () => {
  it('splits connection, bucket and key, keeping odd characters in the key', () => {
    expect(parseDrivePath('local/helium-demo/a b/ü+%.csv')).toEqual({
      connection: 'local',
      bucket: 'helium-demo',
      key: 'a b/ü+%.csv'
    });
  });

  it('tolerates leading and trailing slashes and stops at the levels that exist', () => {
    expect(parseDrivePath('/local/')).toEqual({ connection: 'local', bucket: '', key: '' });
    expect(parseDrivePath('local/bucket/folder/')).toEqual({ connection: 'local', bucket: 'bucket', key: 'folder' });
    expect(parseDrivePath('')).toEqual({ connection: '', bucket: '', key: '' });
  });

  it("reads a pasted full document path (the drive's own s3: prefix once more) as the drive path", () => {
    expect(parseDrivePath('s3:local/bucket/a/b.txt')).toEqual({ connection: 'local', bucket: 'bucket', key: 'a/b.txt' });
    expect(parseDrivePath('/s3:/local/bucket/s3:x')).toEqual({ connection: 'local', bucket: 'bucket', key: 's3:x' });
  });

  it('builds paths that parse back to the same location', () => {
    const path = drivePath('local', 'bucket', 'data/2024/x.parquet');
    expect(path).toBe('local/bucket/data/2024/x.parquet');
    expect(parseDrivePath(path)).toEqual({ connection: 'local', bucket: 'bucket', key: 'data/2024/x.parquet' });
    expect(drivePath('local', 'bucket', 'folder/')).toBe('local/bucket/folder');
    expect(drivePath('local', 'bucket', '')).toBe('local/bucket');
  });

  it('names the last segment', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('a/b/')).toBe('b');
    expect(baseName('top')).toBe('top');
  });
});

describe('keys that cannot be document paths', () => {
  it('flags empty, "." and ".." segments and accepts the rest', () => {
    for (const key of ['a/../b.csv', './x', 'a//b', '/lead', '..', 'a/./b']) {
      expect(documentPathProblem(key, trans)).toMatch(/segment/);
    }
    for (const key of ['a/b.csv', 'a..b/c.', '...', 'ü 😀/%2e%2e+x', 'tab\there?#%.txt']) {
      expect(documentPathProblem(key, trans)).toBeNull();
    }
  });

  it('flags an object whose key ends in "/": its document path would name the key without it', () => {
    expect(documentPathProblem('odd/folderish/', trans)).toContain('"odd/folderish/" ends in "/"');
    expect(documentPathProblem('odd/folderish/', trans)).toMatch(/Download it instead/);
  });

  it('says which segment, shows control characters, and names what works instead', () => {
    const message = documentPathProblem('a/../b\tc.csv', trans)!;
    expect(message).toContain('"a/../b␉c.csv" has a ".." segment');
    expect(message).not.toContain('\t');
    expect(message).toMatch(/Download/);
    expect(message).toMatch(/Version History → Download/);
    expect(message).toMatch(/helium CLI/);
    expect(documentPathProblem('a//b', trans)).toContain('an empty segment');
  });
});
