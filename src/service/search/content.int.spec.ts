/**
 * The optional content preview (`indexContent`) against the local S3 (moto): text-like objects
 * found by free text and `content:`, binary and refused bodies skipped, the 100 KB cut at a
 * character boundary, notebooks by their cells, one GET per new or changed text object only, and
 * the setting remembered by the index for later syncs and our own writes.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../objects-write';
import { putValue } from '../values/put-value';
import { createTestBucket, putMany, testClient } from '../../testing/s3';
import { CONTENT_LIMIT_BYTES, readContent } from './content';
import { EmbeddedSearchIndex } from './embedded';
import { keyChanges } from './fresh';
import { indexBucket } from './indexer';
import { memoryStorage } from './sql';
import { openNodeSqlite } from './sqlite-node';

/** Count requests of some commands sent through a client. */
function countRequests(s3: S3Client, name: string): { count: number; keys: string[]; ranges: string[] } {
  const counter = { count: 0, keys: [] as string[], ranges: [] as string[] };
  s3.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === name) {
        counter.count++;
        counter.keys.push(String((args.input as { Key?: string }).Key));
        counter.ranges.push(String((args.input as { Range?: string }).Range));
      }
      return next(args);
    },
    { step: 'initialize', name: `count${name}${Math.random()}` }
  );
  return counter;
}

const keys = (hits: { key: string }[]) => hits.map(h => h.key).sort();

/** A text of `bytes` UTF-8 bytes: a first word, filler, a 2-byte character straddling the limit, then a last word. */
function straddlingText(): string {
  const head = 'firstword ';
  // 'é' (2 bytes) starts at byte CONTENT_LIMIT_BYTES - 1, so the limit cuts it in half.
  const filler = 'lorem ipsum '.repeat(Math.ceil(CONTENT_LIMIT_BYTES / 12)).slice(0, CONTENT_LIMIT_BYTES - 1 - head.length);
  return `${head}${filler}é beyondword${' tail'.repeat(4000)}`;
}

describe('indexing contents (indexContent)', () => {
  let s3: S3Client;
  let bucket: string;
  let index: EmbeddedSearchIndex;

  beforeAll(async () => {
    s3 = testClient();
    bucket = await createTestBucket(s3, 'search-content');
    await putObject(s3, { bucket, key: 'notes/readme.md', body: '# Field notes\nThe albatross migration was counted twice.\n' });
    await putObject(s3, { bucket, key: 'notes/empty.txt', body: '' });
    await putValue(s3, { bucket, key: 'tables/storms.csv' }, 'year,name\n1990,Hortensia\n', {
      format: 'text',
      meta: { ocean: 'atlantic' }
    });
    await putObject(s3, { bucket, key: 'notes/plain', body: 'narwhal sightings', contentType: 'text/plain' });
    await putObject(s3, { bucket, key: 'bin/blob.txt', body: new Uint8Array([0x67, 0x6e, 0x75, 0, 1, 2, 3, 0x67, 0x6e, 0x75]) });
    await putObject(s3, { bucket, key: 'bin/latin1.txt', body: new Uint8Array(Array.from({ length: 200 }, (_, i) => 0xe0 + (i % 16))) });
    await putObject(s3, { bucket, key: 'bin/image.png', body: 'pretend-png quokka' });
    await putObject(s3, { bucket, key: 'big/long.txt', body: straddlingText() });
    const notebook = {
      cells: [
        { cell_type: 'markdown', source: ['# Kraken ', 'census\n'], metadata: {} },
        { cell_type: 'code', source: 'print("hello")', outputs: [{ output_type: 'stream', text: 'outputonlyword' }], metadata: {} }
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5
    };
    await putObject(s3, { bucket, key: 'nb/analysis.ipynb', body: JSON.stringify(notebook) });
    index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
  });

  afterAll(async () => {
    await index?.close();
  });

  it('is off by default: no GET, and words inside files are not found', async () => {
    const gets = countRequests(s3, GetObjectCommand.name);
    const result = await indexBucket(s3, { bucket, index, snapshots: false });
    expect(gets.count).toBe(0);
    expect(result).toMatchObject({ indexContent: false, contentRead: 0, contentSkipped: 0 });
    expect((await index.search('albatross')).total).toBe(0);
    expect((await index.status()).indexContent).toBeUndefined();
  });

  it('with indexContent: reads text-like objects once each, finds them by free text and content:, skips binary', async () => {
    const gets = countRequests(s3, GetObjectCommand.name);
    const result = await indexBucket(s3, { bucket, index, snapshots: false, indexContent: true });
    // Turning it on re-reads every object; GETs only for the text-like ones with bytes (not the
    // empty file, not the .png), one each.
    expect(gets.keys.sort()).toEqual([
      'big/long.txt',
      'bin/blob.txt',
      'bin/latin1.txt',
      'nb/analysis.ipynb',
      'notes/plain',
      'notes/readme.md',
      'tables/storms.csv'
    ]);
    expect(result).toMatchObject({ indexContent: true, contentRead: 6, contentSkipped: 2, headed: 9 });
    // Ranged GETs, none past the first 100 KB (the small objects' ranges end at their size).
    for (const range of gets.ranges) {
      const m = /^bytes=0-(\d+)$/.exec(range);
      expect(m).not.toBeNull();
      expect(Number(m![1])).toBeLessThan(CONTENT_LIMIT_BYTES);
    }
    expect(gets.ranges).toContain(`bytes=0-${CONTENT_LIMIT_BYTES - 1}`);
    expect(keys((await index.search('albatross')).hits)).toEqual(['notes/readme.md']);
    expect(keys((await index.search('content:albatross')).hits)).toEqual(['notes/readme.md']);
    expect(keys((await index.search('content:"albatross migration"')).hits)).toEqual(['notes/readme.md']);
    expect(keys((await index.search('content:hortensia AND user_meta.ocean:atlantic')).hits)).toEqual(['tables/storms.csv']);
    expect(keys((await index.search('narwhal')).hits)).toEqual(['notes/plain']); // by Content-Type text/plain
    expect(keys((await index.search('content:albatross OR content:narwhal')).hits)).toEqual(['notes/plain', 'notes/readme.md']);
    expect((await index.search('quokka')).total).toBe(0); // a .png is not read
    expect((await index.search('content:gnu')).total).toBe(0); // binary: skipped
    expect(keys((await index.search('_exists_:content AND key:bin\\/*')).hits)).toEqual([]);
    expect((await index.search('_exists_:content')).total).toBe(5);
    expect((await index.status()).indexContent).toBe(true);
  });

  it('indexes a notebook by its cells, not its outputs', async () => {
    expect(keys((await index.search('content:kraken AND content:census')).hits)).toEqual(['nb/analysis.ipynb']);
    expect((await index.search('outputonlyword')).total).toBe(0);
  });

  it('reads at most 100 KB, cut at a character boundary', async () => {
    expect(keys((await index.search('content:firstword')).hits)).toEqual(['big/long.txt']);
    expect((await index.search('beyondword')).total).toBe(0);
    const read = await readContent(s3, { bucket, key: 'big/long.txt', size: straddlingText().length + 1 });
    expect('text' in read).toBe(true);
    const text = (read as { text: string }).text;
    expect(Buffer.byteLength(text, 'utf8')).toBe(CONTENT_LIMIT_BYTES - 1); // the half 'é' left out
    expect(text.includes('\uFFFD')).toBe(false);
  });

  it('re-syncs incrementally: one HEAD and one GET per changed text object, and the setting is remembered', async () => {
    await putObject(s3, { bucket, key: 'notes/readme.md', body: 'The petrel replaced the albatross.\n' });
    await putObject(s3, { bucket, key: 'notes/new.md', body: 'cormorant\n' });
    const heads = countRequests(s3, HeadObjectCommand.name);
    const gets = countRequests(s3, GetObjectCommand.name);
    const result = await indexBucket(s3, { bucket, index, snapshots: false }); // no option: as recorded
    expect(heads.keys.sort()).toEqual(['notes/new.md', 'notes/readme.md']);
    expect(gets.keys.sort()).toEqual(['notes/new.md', 'notes/readme.md']);
    expect(result).toMatchObject({ indexContent: true, contentRead: 2, updated: 1, added: 1 });
    expect(keys((await index.search('content:petrel')).hits)).toEqual(['notes/readme.md']);
    expect(keys((await index.search('cormorant')).hits)).toEqual(['notes/new.md']);
    expect((await index.search('content:migration')).total).toBe(0); // the old version's words are gone
  });

  it('skips a body the GET is refused, with a count, and still indexes the object', async () => {
    await putObject(s3, { bucket, key: 'secret/plan.txt', body: 'walrus' });
    const refusing = testClient();
    // moto cannot refuse a GET it allowed a HEAD of (both need s3:GetObject): the 403 is simulated.
    refusing.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === GetObjectCommand.name) {
          throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
        }
        return next(args);
      },
      { step: 'initialize', name: 'refuseGets' }
    );
    const result = await indexBucket(refusing, { bucket, index, snapshots: false });
    expect(result).toMatchObject({ added: 1, contentRead: 0, contentSkipped: 1 });
    expect(keys((await index.search('key:secret\\/*')).hits)).toEqual(['secret/plan.txt']);
    expect((await index.search('walrus')).total).toBe(0);
    refusing.destroy();
  });

  it('our own writes get their content when the index reads contents', async () => {
    await putObject(s3, { bucket, key: 'notes/fresh.txt', body: 'pangolin' });
    const changes = await keyChanges(s3, { bucket, keys: ['notes/fresh.txt'], indexContent: (await index.status()).indexContent });
    await index.applyChanges(changes);
    expect(keys((await index.search('content:pangolin')).hits)).toEqual(['notes/fresh.txt']);
  });

  it('turned off, the next sync drops the contents and records it', async () => {
    const gets = countRequests(s3, GetObjectCommand.name);
    const result = await indexBucket(s3, { bucket, index, snapshots: false, indexContent: false });
    expect(gets.count).toBe(0);
    expect(result.indexContent).toBe(false);
    expect((await index.search('_exists_:content')).total).toBe(0);
    expect((await index.search('albatross')).total).toBe(0);
    expect((await index.status()).indexContent).toBeUndefined();
  });
});

describe('incremental sync with contents of a larger bucket', () => {
  it('after 1% of 1,000 text objects changed, GETs (and HEADs) only the changed ones', async () => {
    const s3 = testClient();
    const bucket = await createTestBucket(s3, 'search-content-big');
    const all = Array.from({ length: 1000 }, (_, i) => `logs/run-${String(i).padStart(4, '0')}.log`);
    await putMany(s3, bucket, all, 32);
    const index = await EmbeddedSearchIndex.open(memoryStorage(), openNodeSqlite);
    try {
      const gets = countRequests(s3, GetObjectCommand.name);
      const first = await indexBucket(s3, { bucket, index, snapshots: false, indexContent: true });
      expect(gets.count).toBe(1000);
      expect(first.contentRead).toBe(1000);
      expect((await index.search('content:"run-0042"')).total).toBe(1); // each body is its key
      const changed = all.filter((_, i) => i % 100 === 3);
      for (const key of changed) await putObject(s3, { bucket, key, body: 'ERROR disk full' });
      gets.count = 0;
      const heads = countRequests(s3, HeadObjectCommand.name);
      const again = await indexBucket(s3, { bucket, index, snapshots: false });
      expect(gets.count).toBe(changed.length);
      expect(heads.count).toBe(changed.length);
      expect(again).toMatchObject({ listed: 1000, headed: 10, updated: 10, contentRead: 10 });
      expect(keys((await index.search('content:error AND content:disk')).hits)).toEqual(changed);
    } finally {
      await index.close();
    }
  }, 120_000);
});
