/**
 * Integration tests of moving and copying objects and folders against a real local S3 server
 * (moto, see src/testing): a folder rename keeps content, metadata and the old keys' history;
 * a copy to another bucket; a refused overwrite changes nothing; a cancelled folder move loses
 * nothing.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { S3Client } from '@aws-sdk/client-s3';
import { failure } from '../testing/failure';
import { createTestBucket, testClient } from '../testing/s3';
import { copyObjects, isHeliumError, listVersions, moveObjects, MoveProgress } from './index';
import { getObjectText, headObject, putObject } from './objects';

jest.setTimeout(60_000);

let s3: S3Client;
let bucket: string;
let other: string;

/** The current content of a key, or null when it has none. */
async function contentOf(key: string, b = bucket): Promise<string | null> {
  try {
    return (await getObjectText(s3, { bucket: b, key })).text;
  } catch (err) {
    // A missing key, or one whose current version is a delete marker.
    if (isHeliumError(err, 'NotFound')) {
      return null;
    }
    throw err;
  }
}

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'move');
  other = await createTestBucket(s3, 'move-other');
});

describe('moveObjects', () => {
  it('renames a folder of 3 files: content and metadata copied, old keys hidden by delete markers, history kept', async () => {
    // One odd key (a tab) that exists already must move as it is.
    const names = ['a.csv', 'sub/b.json', 'odd\tname.txt'];
    for (const name of names) {
      await putObject(s3, {
        bucket,
        key: `old/${name}`,
        body: `content of ${name}`,
        contentType: 'text/x-test',
        userMetadata: { origin: name.length.toString() }
      });
    }
    const seen: MoveProgress[] = [];
    const result = await moveObjects(s3, {
      from: { bucket, key: 'old/' },
      to: { bucket, key: 'new/' },
      onProgress: p => seen.push(p)
    });

    expect(result.moved.map(m => m.to).sort()).toEqual(names.map(n => `new/${n}`).sort());
    expect(result.sourceVersioning).toBe('Enabled');
    expect(result.historyNote).toMatch(/delete marker/);
    expect(seen[seen.length - 1]).toEqual({
      objectsDone: 3,
      objectsTotal: 3,
      bytesDone: result.bytes,
      bytesTotal: result.bytes
    });
    for (const name of names) {
      expect(await contentOf(`new/${name}`)).toBe(`content of ${name}`);
      const info = await headObject(s3, { bucket, key: `new/${name}` });
      expect(info.contentType).toBe('text/x-test');
      expect(info.userMetadata).toEqual({ origin: name.length.toString() });
      expect(await contentOf(`old/${name}`)).toBeNull();
      const { versions: history } = await listVersions(s3, { bucket, key: `old/${name}` });
      expect(history.map(v => v.isDeleteMarker)).toEqual([true, false]);
    }
  });

  it('refuses to overwrite an existing destination and changes nothing', async () => {
    await putObject(s3, { bucket, key: 'keep/src.txt', body: 'source' });
    await putObject(s3, { bucket, key: 'keep/dst.txt', body: 'destination' });
    const error = await failure(moveObjects(s3, { from: { bucket, key: 'keep/src.txt' }, to: { bucket, key: 'keep/dst.txt' } }));
    expect(error.kind).toBe('Conflict');
    expect(error.message).toContain('s3://');
    expect(await contentOf('keep/src.txt')).toBe('source');
    expect(await contentOf('keep/dst.txt')).toBe('destination');
    expect((await listVersions(s3, { bucket, key: 'keep/src.txt' })).versions).toHaveLength(1);
    expect((await listVersions(s3, { bucket, key: 'keep/dst.txt' })).versions).toHaveLength(1);

    // With overwrite asked, the destination gets a new version.
    await moveObjects(s3, {
      from: { bucket, key: 'keep/src.txt' },
      to: { bucket, key: 'keep/dst.txt' },
      overwrite: true
    });
    expect(await contentOf('keep/dst.txt')).toBe('source');
    expect((await listVersions(s3, { bucket, key: 'keep/dst.txt' })).versions).toHaveLength(2);
  });

  it('refuses a destination a person should not name, before any request writes', async () => {
    await putObject(s3, { bucket, key: 'bad/x.txt', body: 'x' });
    const error = await failure(moveObjects(s3, { from: { bucket, key: 'bad/x.txt' }, to: { bucket, key: 'bad/../x.txt' } }));
    expect(error.kind).toBe('InvalidInput');
    expect(error.message).toMatch(/"\.\." segment/);
    const intoItself = await failure(moveObjects(s3, { from: { bucket, key: 'bad/' }, to: { bucket, key: 'bad/inner/' } }));
    expect(intoItself.message).toMatch(/inside itself/);
    expect(await contentOf('bad/x.txt')).toBe('x');
  });

  it('a cancelled folder move leaves every file either moved or still in place', async () => {
    const names = Array.from({ length: 10 }, (_, i) => `f${i}.txt`);
    for (const name of names) {
      await putObject(s3, { bucket, key: `cancel/${name}`, body: name });
    }
    const controller = new AbortController();
    const error = await failure(
      moveObjects(s3, {
        from: { bucket, key: 'cancel/' },
        to: { bucket, key: 'cancelled/' },
        concurrency: 2,
        signal: controller.signal,
        onProgress: p => {
          if (p.objectsDone === 3) {
            controller.abort();
          }
        }
      })
    );
    expect(error.kind).toBe('Cancelled');
    let moved = 0;
    for (const name of names) {
      const source = await contentOf(`cancel/${name}`);
      const target = await contentOf(`cancelled/${name}`);
      // Exactly one place holds it, with its content.
      expect([source, target].filter(c => c === name)).toHaveLength(1);
      moved += target === name ? 1 : 0;
    }
    expect(moved).toBeGreaterThanOrEqual(3);
    expect(moved).toBeLessThan(names.length);
  });
  it('on an unversioned bucket says the old keys are gone for good, and they are', async () => {
    const plain = await createTestBucket(s3, 'move-plain', false);
    await putObject(s3, { bucket: plain, key: 'x.txt', body: 'x' });
    const result = await moveObjects(s3, { from: { bucket: plain, key: 'x.txt' }, to: { bucket: plain, key: 'y.txt' } });
    expect(result.sourceVersioning).toBe('Off');
    expect(result.historyNote).toMatch(/deleted for good/);
    expect(await contentOf('y.txt', plain)).toBe('x');
    expect((await listVersions(s3, { bucket: plain, key: 'x.txt' })).versions).toHaveLength(0);
  });
});

describe('copyObjects', () => {
  it('copies an object to another bucket, leaving the source', async () => {
    await putObject(s3, { bucket, key: 'data/storms.csv', body: 'a,b\n1,2\n', contentType: 'text/csv' });
    const result = await copyObjects(s3, {
      from: { bucket, key: 'data/storms.csv' },
      to: { bucket: other, key: 'copies/storms.csv' }
    });
    expect(result.historyNote).toBeNull();
    expect(result.moved).toEqual([{ from: 'data/storms.csv', to: 'copies/storms.csv', versionId: expect.any(String) }]);
    expect(await contentOf('copies/storms.csv', other)).toBe('a,b\n1,2\n');
    expect((await headObject(s3, { bucket: other, key: 'copies/storms.csv' })).contentType).toBe('text/csv');
    expect(await contentOf('data/storms.csv')).toBe('a,b\n1,2\n');
  });

  it('duplicates a folder with its marker object', async () => {
    await putObject(s3, { bucket, key: 'dup/', body: '', contentType: 'application/x-directory' });
    await putObject(s3, { bucket, key: 'dup/one.txt', body: 'one' });
    const result = await copyObjects(s3, { from: { bucket, key: 'dup/' }, to: { bucket, key: 'dup copy/' } });
    expect(result.moved.map(m => m.to).sort()).toEqual(['dup copy/', 'dup copy/one.txt']);
    expect(await contentOf('dup copy/one.txt')).toBe('one');
    expect(await contentOf('dup/one.txt')).toBe('one');
  });
});
