import { decodeVersionId, encodeVersionId, parseVersionDrivePath, versionDrivePath } from './version-paths';

describe('version drive paths', () => {
  const awsLike = '3/L4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo';

  it('keeps a version id with / and + in one safe segment and gets it back', () => {
    const token = encodeVersionId(awsLike);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeVersionId(token)).toBe(awsLike);
    expect(decodeVersionId(encodeVersionId('null'))).toBe('null');
  });

  it('round-trips a location whose key has folders, spaces and unicode', () => {
    const loc = { connection: 'local', bucket: 'b', key: 'a dir/ünï code/data.csv', versionId: awsLike };
    const path = versionDrivePath(loc);
    expect(path.endsWith('/a dir/ünï code/data.csv')).toBe(true);
    expect(parseVersionDrivePath(path)).toEqual(loc);
    expect(parseVersionDrivePath('/' + path)).toEqual(loc);
  });

  it('refuses a path without a key', () => {
    expect(parseVersionDrivePath('local/b/abc')).toBeNull();
    expect(parseVersionDrivePath('local/b')).toBeNull();
  });
});
