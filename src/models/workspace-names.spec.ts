import { parseS3Uri } from '../service/uri';
import { workspaceNameProblem, workspaceRelativePathProblem } from './workspace-names';

describe('names of downloads in the workspace', () => {
  it('accepts ordinary names, odd characters included', () => {
    for (const name of ['a.csv', '...', 'tab\tname', '100% #1?.txt', '😀']) {
      expect(workspaceNameProblem(name, 'data', 'file')).toBeNull();
    }
  });

  it('refuses names that would write outside the folder or be the folder itself', () => {
    expect(workspaceNameProblem('..', 'data/in', 'file')).toContain('".." in /data/in would be written outside that folder');
    expect(workspaceNameProblem('.', '', 'file')).toContain('would stand for / itself');
    expect(workspaceNameProblem('', 'data', 'folder')).toContain('empty name');
    expect(workspaceNameProblem('a\\b', 'data', 'file')).toContain('path separator');
  });

  it('says what to use instead', () => {
    expect(workspaceNameProblem('..', 'data', 'file')).toMatch(/Download to save it on your computer.*helium CLI/);
    expect(workspaceNameProblem('..', 'data', 'folder')).toMatch(/helium CLI/);
  });

  it('refuses objects of a folder download whose path below it has ".", ".." or empty segments', () => {
    const bucket = 'bkt';
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/x/y.txt' }, 'x/y.txt', 'ws/dl')).toBeNull();
    const up = workspaceRelativePathProblem({ bucket, key: 'dl/x/../../y?.txt' }, 'x/../../y?.txt', 'ws/dl')!;
    expect(up).toContain('outside /ws/dl');
    // The message names the object by a URI that reads back as its key.
    expect(parseS3Uri(up.split(' ')[0])).toEqual({ bucket, key: 'dl/x/../../y?.txt' });
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/a//b' }, 'a//b', 'dl')).toContain('an empty segment');
    expect(workspaceRelativePathProblem({ bucket, key: 'dl/./b' }, './b', 'dl')).toContain('a "." segment');
  });
});
