import { HeliumError } from './error-class';
import {
  assertValidBucketName,
  basename,
  formatS3Uri,
  joinKey,
  parentPrefix,
  parseS3Uri,
  splitPrefix,
  utf8Length,
  validateBucketName,
  readKeyProblem,
  assertReadableKey,
  writeKeyProblem,
  assertWritableKey,
  pathRewrittenSegment,
  displayKey
} from './uri';

describe('parseS3Uri / formatS3Uri', () => {
  it('parses bucket, key and versionId', () => {
    expect(parseS3Uri('s3://my-bucket/a/b.csv?versionId=abc.123')).toEqual({
      bucket: 'my-bucket',
      key: 'a/b.csv',
      versionId: 'abc.123'
    });
    expect(parseS3Uri('s3://my-bucket')).toEqual({ bucket: 'my-bucket', key: '' });
    expect(parseS3Uri('s3://my-bucket/')).toEqual({ bucket: 'my-bucket', key: '' });
    expect(parseS3Uri('s3://my-bucket/dir/')).toEqual({ bucket: 'my-bucket', key: 'dir/' });
  });

  it('percent-decodes keys and version ids (Quilt physical keys)', () => {
    expect(parseS3Uri('s3://b-1/a%20b%2Bc%25d/%C3%BC.txt?versionId=x%2By')).toEqual({
      bucket: 'b-1',
      key: 'a b+c%d/ü.txt',
      versionId: 'x+y'
    });
    // `+` is not a space
    expect(parseS3Uri('s3://b-1/a+b').key).toBe('a+b');
  });

  it('ignores other query parameters and fragments', () => {
    expect(parseS3Uri('s3://b-1/k?foo=1&versionId=v#frag')).toEqual({ bucket: 'b-1', key: 'k', versionId: 'v' });
  });

  it('rejects what is not an S3 URI', () => {
    for (const bad of ['http://b/k', 'b/k', 's3:/b/k', 's3://', 's3://Bad_Bucket/k', 's3://b-1/100%.txt']) {
      expect(() => parseS3Uri(bad)).toThrow(HeliumError);
    }
    try {
      parseS3Uri('s3://b-1/100%.txt');
    } catch (err) {
      expect((err as HeliumError).kind).toBe('InvalidInput');
      expect((err as HeliumError).message).toContain('%25');
    }
  });

  it('formats with only the necessary encoding and round-trips odd keys', () => {
    expect(formatS3Uri({ bucket: 'b-1', key: 'a b+c%d/ü 😀.txt' })).toBe('s3://b-1/a%20b+c%25d/ü%20😀.txt');
    expect(formatS3Uri({ bucket: 'b-1', key: 'q?x#y', versionId: 'v+/=' })).toBe('s3://b-1/q%3Fx%23y?versionId=v%2B%2F%3D');
    const keys = ['a b+c%d/ü 😀.txt', '../../etc/passwd', 'tab\there', '%2F%41', 'x'.repeat(1024), 'dir/', '?#&=', 'é'.repeat(500)];
    for (const key of keys) {
      const loc = { bucket: 'my.bucket', key, versionId: 'v 1+2' };
      expect(parseS3Uri(formatS3Uri(loc))).toEqual(loc);
    }
  });
});

describe('validateBucketName', () => {
  const valid = ['abc', 'my-bucket', 'my.bucket.name', 'a1b2c3', '1bucket', 'bucket-1', 'a'.repeat(63), 'xn-bucket', 'docexamplebucket1'];
  const invalid: [string, RegExp][] = [
    ['ab', /3 to 63/],
    ['a'.repeat(64), /3 to 63/],
    ['', /3 to 63/],
    ['My-Bucket', /lowercase/],
    ['my_bucket', /lowercase/],
    ['my bucket', /lowercase/],
    ['bücket', /lowercase/],
    ['-bucket', /begin and end/],
    ['bucket-', /begin and end/],
    ['.bucket', /begin and end/],
    ['bucket.', /begin and end/],
    ['my..bucket', /two dots/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /xn--/],
    ['sthree-bucket', /sthree-/],
    ['amzn-s3-demo-bucket', /amzn-s3-demo-/],
    ['bucket-s3alias', /-s3alias/],
    ['bucket--ol-s3', /--ol-s3/],
    ['bucket.mrap', /\.mrap/],
    ['bucket--x-s3', /--x-s3/],
    ['bucket--table-s3', /--table-s3/]
  ];

  it.each(valid)('accepts %s', name => {
    expect(validateBucketName(name)).toBeNull();
    expect(() => assertValidBucketName(name)).not.toThrow();
  });

  it.each(invalid)('rejects %s', (name, reason) => {
    const problem = validateBucketName(name);
    expect(problem).toMatch(reason);
    expect(() => assertValidBucketName(name)).toThrow(HeliumError);
    try {
      assertValidBucketName(name);
    } catch (err) {
      expect((err as HeliumError).kind).toBe('InvalidInput');
      expect((err as HeliumError).message).toBe(problem);
    }
  });

  it('accepts IP-like names that are not IP addresses', () => {
    expect(validateBucketName('192.168.5.4a')).toBeNull();
    expect(validateBucketName('1.2.3')).toBeNull();
  });
});

describe('readKeyProblem (reading never refuses a key S3 holds)', () => {
  it('accepts every key S3 can hold', () => {
    for (const key of [
      'a b',
      'a+b',
      '100%',
      'ü/😀',
      '..',
      '../x',
      'a/./b',
      'a//b',
      '/leading',
      'tab\there',
      'cr\r',
      'nul\u0000',
      'del\u007f',
      'q?x#y',
      'x'.repeat(1024),
      'é'.repeat(512)
    ]) {
      expect(readKeyProblem(key)).toBeNull();
      expect(() => assertReadableKey(key)).not.toThrow();
    }
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('😀')).toBe(4);
    expect(readKeyProblem('é'.repeat(513))).toMatch(/1026 bytes.*at most 1024/);
    expect(readKeyProblem('😀'.repeat(256))).toBeNull();
    expect(readKeyProblem('😀'.repeat(256) + 'a')).toMatch(/1025 bytes/);
    expect(readKeyProblem('x'.repeat(1025))).toMatch(/1025 bytes/);
  });

  it('rejects only what S3 cannot hold: empty keys and broken unicode', () => {
    expect(readKeyProblem('')).toMatch(/empty/);
    expect(readKeyProblem('a\ud800b')).toMatch(/surrogate/);
    expect(readKeyProblem('a\udc00')).toMatch(/surrogate/);
    expect(() => assertReadableKey('')).toThrow(HeliumError);
  });
});

describe('writeKeyProblem (a key a person names for a new object)', () => {
  it('accepts odd but unambiguous keys', () => {
    for (const key of ['a b', 'a+b', '100%', 'ü/😀', 'q?x#y', '...', 'a..b/c', 'folder/', 'x'.repeat(1024)]) {
      expect(writeKeyProblem(key)).toBeNull();
      expect(() => assertWritableKey(key)).not.toThrow();
    }
  });

  it('refuses control characters, naming the code point and showing the key', () => {
    expect(writeKeyProblem('a\nb')).toMatch(/U\+000A/);
    expect(writeKeyProblem('a\u0000')).toMatch(/U\+0000/);
    expect(writeKeyProblem('a\u007f')).toMatch(/U\+007F/);
    expect(writeKeyProblem('tab\there')).toContain('"tab␉here"');
  });

  it('refuses ".", ".." and empty segments, which paths rewrite', () => {
    expect(writeKeyProblem('../x')).toMatch(/"\.\." segment/);
    expect(writeKeyProblem('a/./b')).toMatch(/"\." segment/);
    expect(writeKeyProblem('a//b')).toMatch(/empty segment/);
    expect(writeKeyProblem('/leading')).toMatch(/empty segment/);
    expect(writeKeyProblem('')).toMatch(/empty/);
    expect(() => assertWritableKey('a/../b')).toThrow(HeliumError);
  });

  it("pathRewrittenSegment names the first such segment and ignores a folder's trailing slash", () => {
    expect(pathRewrittenSegment('a/b/')).toBeNull();
    expect(pathRewrittenSegment('a/../b')).toBe('..');
    expect(pathRewrittenSegment('./a')).toBe('.');
    expect(pathRewrittenSegment('a//')).toBe('');
    expect(pathRewrittenSegment('..')).toBe('..');
  });
});

describe('displayKey', () => {
  it('makes control characters visible as Control Pictures', () => {
    expect(displayKey('tab\there')).toBe('tab␉here');
    expect(displayKey('a\nb\rc\u0000d\u007f')).toBe('a␊b␍c␀d␡');
  });

  it('shows bidi controls and C1 controls as code points, broken unicode as U+FFFD', () => {
    expect(displayKey('evil\u202etxt.exe')).toBe('evil<U+202E>txt.exe');
    expect(displayKey('a\u0085b')).toBe('a<U+0085>b');
    expect(displayKey('a\ud800b')).toBe('a\uFFFDb');
  });

  it('leaves printable unicode, %, ? and # as they are', () => {
    expect(displayKey('ü/😀 100% ?#+')).toBe('ü/😀 100% ?#+');
  });
});

describe('key arithmetic', () => {
  it('joinKey puts exactly one slash at each junction', () => {
    expect(joinKey('a', 'b')).toBe('a/b');
    expect(joinKey('a/', 'b')).toBe('a/b');
    expect(joinKey('a/', '/b')).toBe('a/b');
    expect(joinKey('', 'b')).toBe('b');
    expect(joinKey('a/', 'b/', 'c.txt')).toBe('a/b/c.txt');
    expect(joinKey('a', 'b/')).toBe('a/b/');
    expect(joinKey('a//b', 'c')).toBe('a//b/c');
    expect(joinKey()).toBe('');
  });

  it('parentPrefix goes one folder up', () => {
    expect(parentPrefix('a/b/c/')).toBe('a/b/');
    expect(parentPrefix('a/b/c.txt')).toBe('a/b/');
    expect(parentPrefix('a/')).toBe('');
    expect(parentPrefix('a')).toBe('');
    expect(parentPrefix('')).toBe('');
  });

  it('basename is the last segment', () => {
    expect(basename('a/b/c.txt')).toBe('c.txt');
    expect(basename('a/b/')).toBe('b');
    expect(basename('c')).toBe('c');
    expect(basename('')).toBe('');
  });

  it('splitPrefix makes breadcrumbs', () => {
    expect(splitPrefix('')).toEqual([]);
    expect(splitPrefix('a/b c/ü/')).toEqual([
      { name: 'a', prefix: 'a/' },
      { name: 'b c', prefix: 'a/b c/' },
      { name: 'ü', prefix: 'a/b c/ü/' }
    ]);
    expect(splitPrefix('a/partial')).toEqual([
      { name: 'a', prefix: 'a/' },
      { name: 'partial', prefix: 'a/partial' }
    ]);
  });
});
