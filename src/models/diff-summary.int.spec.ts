/**
 * What the diff tab reads and decides, against a real local S3 (moto): both sides read through
 * the diff context, HEAD filling in what a side lacks, byte ranges, the Summary provider's verdict (by checksum, size, or hashing the content in
 * ranged chunks, or left to "Load anyway" above the cap), and the Table provider's diff of two
 * CSV versions.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../service/objects';
import { isHeliumError } from '../service/error-class';
import type { IDiffRequest, IDiffSide } from '../tokens';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { createDiffContext, describeSide, readSideRange } from './diff-content';
import { summarizeSides } from './diff-summary';
import { diffTableSides } from './table/table-diff-run';

// jsdom has no Worker: the table load client reads tables on the page's thread (the worker's
// protocol is tested in table/table-load-client.spec.ts).
jest.mock('./table/table-worker-start', () => ({ startTableWorker: () => undefined }));

let s3: S3Client;
let bucket: string;
let connections: TestConnections;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'diffsum');
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
}, 60_000);

/** Writes the bodies as versions of a key (without SHA-256 checksums when `plain`), oldest first. */
async function versions(key: string, bodies: string[], plain = false): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bodies) {
    if (plain) {
      const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
      ids.push(out.VersionId!);
    } else {
      ids.push((await putObject(s3, { bucket, key, body })).versionId!);
    }
  }
  return ids;
}

const side = (key: string, versionId: string, label: string): IDiffSide => ({ connection: 'local', bucket, key, versionId, label });
const request = (key: string, [a, b]: string[]): IDiffRequest => ({ left: side(key, a, 'A'), right: side(key, b, 'B') });
const contextOf = (req: IDiffRequest, signal = new AbortController().signal) =>
  createDiffContext({ request: req, connections, trans, signal });

it('reads each side of a comparison as it was', async () => {
  const ids = await versions('read/notes.txt', ['first draft', 'second draft']);
  const context = contextOf(request('read/notes.txt', ids));
  expect(await context.readText(context.request.left)).toBe('first draft');
  expect(new TextDecoder().decode(await context.readBytes(context.request.right))).toBe('second draft');
});

it('fills in size, checksum and ETag with HEAD', async () => {
  const ids = await versions('head/a.bin', ['12345']);
  const described = await describeSide(side('head/a.bin', ids[0], 'A'), connections);
  expect(described.size).toBe(5);
  expect(described.checksumSha256).toEqual(expect.any(String));
  expect(described.etag).toMatch(/^"?[0-9a-f]{32}"?$/);
});

it('reads one byte range of a version', async () => {
  const ids = await versions('range/a.txt', ['0123456789', 'other']);
  const { bytes, size } = await readSideRange(side('range/a.txt', ids[0], 'A'), { start: 2, end: 5 }, connections);
  expect(new TextDecoder().decode(bytes)).toBe('234');
  expect(size).toBe(10);
});

it('calls two versions with the same bytes identical by their checksums', async () => {
  const ids = await versions('same/a.csv', ['x,y\n1,2\n', 'x,y\n1,2\n']);
  const summary = await summarizeSides(contextOf(request('same/a.csv', ids)));
  expect(summary.decision).toMatchObject({ verdict: 'identical', evidence: 'checksum' });
  expect(summary.request.left.size).toBe(8);
});

it('hashes the content when no checksum decides, and by size when sizes differ', async () => {
  const same = await versions('plain/same.txt', ['abcdef', 'abcdef'], true);
  const summary = await summarizeSides(contextOf(request('plain/same.txt', same)));
  expect(summary.request.left.checksumSha256).toBeUndefined();
  expect(summary.decision).toMatchObject({ verdict: 'identical', evidence: 'content' });
  expect(summary.decision.digests?.left).toBe(summary.decision.digests?.right);

  const sameSize = await versions('plain/swap.txt', ['abcdef', 'abcdeg'], true);
  expect((await summarizeSides(contextOf(request('plain/swap.txt', sameSize)))).decision).toMatchObject({
    verdict: 'different',
    evidence: 'content'
  });

  const sizes = await versions('plain/size.txt', ['short', 'much longer'], true);
  expect((await summarizeSides(contextOf(request('plain/size.txt', sizes)))).decision).toMatchObject({
    verdict: 'different',
    evidence: 'size'
  });
});

it('leaves big content to "Load anyway", which then hashes it', async () => {
  const ids = await versions('plain/big.txt', ['0123456789', '0123456789'], true);
  const summary = await summarizeSides(contextOf(request('plain/big.txt', ids)), 4);
  expect(summary.decision.verdict).toBe('unknown');
  const decision = await summary.compareContent(new AbortController().signal);
  expect(decision).toMatchObject({ verdict: 'identical', evidence: 'content' });
});

it('stops when the comparison is cancelled', async () => {
  const ids = await versions('plain/cancel.txt', ['aaaa', 'bbbb'], true);
  const controller = new AbortController();
  const context = contextOf(request('plain/cancel.txt', ids), controller.signal);
  const summary = await summarizeSides(context, 0);
  controller.abort();
  const error = await summary.compareContent(new AbortController().signal).catch(e => e);
  expect(isHeliumError(error, 'Cancelled')).toBe(true);
  expect((error as Error).message).toMatch(/plain\/cancel\.txt .* was cancelled\./);
});

it('diffs two CSV versions by an id column both have', async () => {
  const ids = await versions('table/storms.csv', [
    'id,name,wind\n1,Ana,35\n2,Bob,40\n3,Cy,50\n',
    'id,name,wind\n2,Bob,45\n1,Ana,35\n4,Di,60\n'
  ]);
  const diff = await diffTableSides(contextOf(request('table/storms.csv', ids)));
  expect(diff.keyColumns).toEqual(['id']);
  expect(diff.counts).toEqual({ same: 1, changed: 1, added: 1, removed: 1 });
  expect(diff.changedCells).toBe(1);
});
