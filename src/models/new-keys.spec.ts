import { parseS3Uri } from '../service/uri';
import { newKeyProblem } from './new-keys';
import { markingTrans, testTrans } from '../testing/translation';

const data = { bucket: 'bkt', prefix: 'data/' };

describe('keys a person names for new objects', () => {
  it('accepts ordinary names, sub-folders and odd but harmless characters', () => {
    for (const name of ['a.csv', 'sub/dir/x.json', '100% done?.txt', 'ü 😀 #1+2.txt', '...']) {
      expect(newKeyProblem(data, name, 'file', testTrans)).toBeNull();
    }
    expect(newKeyProblem({ bucket: 'bkt', prefix: '' }, 'top.csv', 'file', testTrans)).toBeNull();
    expect(newKeyProblem(data, 'new folder', 'folder', testTrans)).toBeNull();
  });

  it('refuses a ".." that would leave the folder, naming the file and the folder', () => {
    const message = newKeyProblem(data, '../x.csv', 'file', testTrans)!;
    expect(message).toContain('"../x.csv" was not uploaded');
    expect(message).toContain('outside s3://bkt/data/');
  });

  it('refuses ".", ".." and empty segments, and absolute paths', () => {
    expect(newKeyProblem(data, 'a/./b.csv', 'file', testTrans)).toContain('a "." segment');
    expect(newKeyProblem(data, 'a//b.csv', 'file', testTrans)).toContain('an empty segment');
    expect(newKeyProblem(data, '/etc/passwd', 'file', testTrans)).toContain('absolute path');
    expect(newKeyProblem(data, '..', 'folder', testTrans)).toContain('The folder ".." was not created');
    expect(newKeyProblem(data, '.', 'folder', testTrans)).toContain('a "." segment');
  });

  it('refuses a folder name with "/" in it', () => {
    expect(newKeyProblem(data, 'a/b', 'folder', testTrans)).toContain('cannot contain "/"');
  });

  it('shows control characters and says which one', () => {
    const message = newKeyProblem(data, 'tab\there.txt', 'file', testTrans)!;
    expect(message).toContain('"tab␉here.txt" was not uploaded');
    expect(message).toContain('U+0009');
    expect(message).not.toMatch(/\t/);
    expect(newKeyProblem(data, 'bell\u0007', 'folder', testTrans)).toContain('U+0007');
  });

  it('refuses keys over 1,024 bytes, counting the folder', () => {
    const name = 'x'.repeat(1024 - data.prefix.length);
    expect(newKeyProblem(data, name, 'file', testTrans)).toBeNull();
    expect(newKeyProblem(data, `${name}y`, 'file', testTrans)).toMatch(/1025 bytes.*at most 1024/);
    // A folder's key has its trailing "/".
    expect(newKeyProblem(data, name, 'folder', testTrans)).toMatch(/1025 bytes/);
  });

  it('refuses anything new inside a folder whose own path other tools would rewrite, with its URI', () => {
    const odd = { bucket: 'bkt', prefix: 'a/../%odd/' };
    const message = newKeyProblem(odd, 'x.csv', 'file', testTrans)!;
    expect(message).toContain('a ".." segment');
    const uri = /the folder (\S+) has/.exec(message)![1];
    expect(parseS3Uri(uri)).toEqual({ bucket: 'bkt', key: 'a/../%odd/' });
    expect(newKeyProblem({ bucket: 'bkt', prefix: '/lead/' }, 'new', 'folder', testTrans)).toContain('an empty segment');
  });

  it('words its messages through the translator, a whole sentence for a file and for a folder', () => {
    expect(newKeyProblem(data, 'a/b', 'folder', markingTrans)).toBe(
      '«The folder "a/b" was not created: a folder name cannot contain "/". Create one folder at a time.»'
    );
    expect(newKeyProblem(data, 'x/../y', 'file', markingTrans)).toMatch(/^«"x\/\.\.\/y" was not uploaded: its "\.\." segment/);
  });
});
