import { parseS3Uri } from '../service/uri';
import { workspaceNameProblem, workspaceRelativePathProblem } from './workspace-names';
import { markingTrans, testTrans } from '../testing/translation';

describe('names of downloads in the workspace', () => {
  it('accepts ordinary names, odd characters included', () => {
    for (const name of ['a.csv', '...', 'tab\tname', '100% #1?.txt', '😀']) {
      expect(workspaceNameProblem(name, 'data', 'file', testTrans)).toBeNull();
    }
  });

  it('refuses names that would write outside the folder or be the folder itself', () => {
    expect(workspaceNameProblem('..', 'data/in', 'file', testTrans)).toContain('".." in /data/in would be written outside that folder');
    expect(workspaceNameProblem('.', '', 'file', testTrans)).toContain('would stand for / itself');
    expect(workspaceNameProblem('', 'data', 'folder', testTrans)).toContain('empty name');
    expect(workspaceNameProblem('a\\b', 'data', 'file', testTrans)).toContain('path separator');
  });

  it('says what to use instead', () => {
    expect(workspaceNameProblem('..', 'data', 'file', testTrans)).toMatch(/Download to save it on your computer.*helium CLI/);
    expect(workspaceNameProblem('..', 'data', 'folder', testTrans)).toMatch(/helium CLI/);
  });

  it('refuses objects of a folder download whose path below it has ".", ".." or empty segments', () => {
    const bucket = 'bkt';
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/x/y.txt' }, 'x/y.txt', 'ws/dl', testTrans)).toBeNull();
    const up = workspaceRelativePathProblem({ bucket, key: 'dl/x/../../y?.txt' }, 'x/../../y?.txt', 'ws/dl', testTrans)!;
    expect(up).toContain('outside /ws/dl');
    // The message names the object by a URI that reads back as its key.
    expect(parseS3Uri(up.split(' ')[0])).toEqual({ bucket, key: 'dl/x/../../y?.txt' });
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/a//b' }, 'a//b', 'dl', testTrans)).toContain('an empty segment');
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/./b' }, './b', 'dl', testTrans)).toContain('a "." segment');
  });

  it('words its messages through the translator, whole sentences for a file and for a folder', () => {
    expect(workspaceNameProblem('..', 'data', 'file', markingTrans)).toBe(
      '«Not downloaded: «a file named ".." in /data would be written outside that folder». «Use Download to save it on your computer, or the helium CLI (helium get with its S3 URI, from Copy S3 URI) to give it another name.»»'
    );
    expect(workspaceRelativePathProblem({ bucket: 'bkt', key: 'dl/a//b' }, 'a//b', 'dl', markingTrans)).toMatch(
      /^«s3:\/\/bkt\/dl\/a\/\/b was not downloaded: its path below the folder has «an empty segment/
    );
  });
});
