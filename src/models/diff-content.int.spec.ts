/**
 * The diff context's text on a real local S3 (moto): what the JSON and notebook views compare.
 * A latin-1 file's accents must survive (replaced by U+FFFD, two versions differing only in an
 * accent would read as the same text), and UTF-16 is read by its byte-order mark.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { putObject } from '../service/objects';
import type { IDiffRequest } from '../tokens';
import { createTestBucket, testClient } from '../testing/s3';
import { TestConnections } from '../testing/connections';
import { testTrans as trans } from '../testing/translation';
import { createDiffContext } from './diff-content';

let s3: S3Client;
let bucket: string;
let connections: TestConnections;

beforeAll(async () => {
  s3 = testClient();
  bucket = await createTestBucket(s3, 'diffcontent');
  connections = new TestConnections({ local: s3 }, { local: [bucket] });
}, 60_000);

/** Two versions of a key with these bytes. */
async function twoVersions(key: string, bodies: [Uint8Array, Uint8Array]): Promise<IDiffRequest> {
  const [a, b] = [await putObject(s3, { bucket, key, body: bodies[0] }), await putObject(s3, { bucket, key, body: bodies[1] })];
  return {
    left: { connection: 'local', bucket, key, versionId: a.versionId, label: 'older' },
    right: { connection: 'local', bucket, key, versionId: b.versionId, label: 'newer' }
  };
}

const latin1 = (text: string) => Uint8Array.from(text, c => c.charCodeAt(0));

it('reads latin-1 versions as different texts when only an accent changed', async () => {
  const request = await twoVersions('text/latin1.json', [latin1('{"name": "café"}'), latin1('{"name": "cafè"}')]);
  const context = createDiffContext({ request, connections, trans, signal: new AbortController().signal });
  expect(await context.readText(request.left)).toBe('{"name": "café"}');
  expect(await context.readText(request.right)).toBe('{"name": "cafè"}');
});

it('reads UTF-16 text by its byte-order mark', async () => {
  const request = await twoVersions('text/utf16.txt', [
    Uint8Array.of(0xff, 0xfe, 0x68, 0x00, 0x69, 0x00),
    Uint8Array.of(0xef, 0xbb, 0xbf, 0x68, 0x69)
  ]);
  const context = createDiffContext({ request, connections, trans, signal: new AbortController().signal });
  expect(await context.readText(request.left)).toBe('hi');
  expect(await context.readText(request.right)).toBe('hi');
});
