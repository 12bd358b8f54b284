/**
 * `helium get --snapshot` of a folder whose package has files that are not in S3: `file://` keys,
 * as quilt3 8.0 leaves them in a manifest written by `Package.build(name, registry="s3://…")` (or
 * by a push whose selector_fn leaves local files out). Every S3 file is downloaded whole, each
 * local one is named, and the command fails at the end; nothing is written for the local ones.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { putObject } from '../service/objects';
import { buildManifest, formatPhysicalKey } from '../service/snapshots/manifest';
import { manifestKey, pointerKey } from '../service/snapshots/registry';
import type { ManifestEntry } from '../service/snapshots/types';
import { quiltChunkedHash } from '../service/transfers/quilt-hash';
import { bytesSource } from '../service/transfers/sources';
import { readTree } from '../testing/cli-harness';
import { cliSuite } from '../testing/cli-suite';

jest.setTimeout(120_000);

const suite = cliSuite('cli-snap-local');
const { helium } = suite;

const hash = async (body: string) => ({
  type: 'sha2-256-chunked' as const,
  value: await quiltChunkedHash(bytesSource(new TextEncoder().encode(body)))
});

/** An entry of a file on the computer that built the package, as quilt3 records it. */
const localEntry = async (logical: string, body: string): Promise<ManifestEntry> => ({
  logical_key: logical,
  physical_keys: [`file:///home/ada/project/${logical.split('/').map(encodeURIComponent).join('/')}`],
  size: body.length,
  hash: await hash(body),
  meta: {}
});

let topHash: string;
let onlyLocal: string;

beforeAll(async () => {
  const { s3, bucket } = suite;
  const inS3: Record<string, string> = { 'a.txt': 'alpha', 'sub/b.csv': 'x,y\n1,2\n' };
  const entries: ManifestEntry[] = [];
  for (const [logical, body] of Object.entries(inS3)) {
    const put = await putObject(s3, { bucket, key: `built/${logical}`, body });
    entries.push({
      logical_key: logical,
      physical_keys: [formatPhysicalKey({ bucket, key: `built/${logical}`, versionId: put.versionId })],
      size: body.length,
      hash: await hash(body),
      meta: {}
    });
  }
  entries.push(await localEntry('notes.md', 'on my laptop'), await localEntry('sub/raw data.bin', 'local bytes'));
  const manifest = buildManifest({ header: { version: 'v0', message: 'built, not pushed', user_meta: {} }, entries });
  topHash = manifest.topHash;
  await putObject(s3, { bucket, key: manifestKey(topHash), body: manifest.text });
  await putObject(s3, { bucket, key: pointerKey('team/built', 1_800_000_000), body: topHash });
  const local = buildManifest({
    header: { version: 'v0', message: 'all local', user_meta: {} },
    entries: [await localEntry('only.txt', 'here only')]
  });
  onlyLocal = local.topHash;
  await putObject(s3, { bucket, key: manifestKey(onlyLocal), body: local.text });
  await putObject(s3, { bucket, key: pointerKey('team/local', 1_800_000_000), body: onlyLocal });
});

describe('helium get --snapshot of a package with local (file://) files', () => {
  it('downloads every file in S3 whole, names each local one, and fails at the end', async () => {
    const result = await helium('get', `s3://${suite.bucket}/`, '--snapshot', topHash, 'out');
    expect(result.code).toBe(1);
    // Exactly the S3 files, complete; nothing (not even a partial file) for the local ones.
    const tree = await readTree(path.join(suite.tmp, 'out'));
    expect([...tree.keys()]).toEqual(['a.txt', 'sub/b.csv']);
    expect(await fs.readFile(path.join(suite.tmp, 'out', 'a.txt'), 'utf8')).toBe('alpha');
    expect(await fs.readFile(path.join(suite.tmp, 'out', 'sub', 'b.csv'), 'utf8')).toBe('x,y\n1,2\n');
    // One line per local file, naming it and where the manifest says it is.
    expect(result.stderr).toContain('skip: "notes.md": the snapshot has it at file:///home/ada/project/notes.md, not in S3');
    expect(result.stderr).toContain(
      'skip: "sub/raw data.bin": the snapshot has it at file:///home/ada/project/sub/raw%20data.bin, not in S3'
    );
    expect(result.stderr).toContain('Package.build to an s3:// registry');
    expect(result.stderr).toContain('2 files of the snapshot were not downloaded (2 were; they are not in S3)');
  });

  it('lists them in the --json result beside what was downloaded', async () => {
    const result = await helium('get', `s3://${suite.bucket}/sub/`, '--snapshot', topHash, 'out-json', '--json');
    expect(result.code).toBe(1);
    const doc = JSON.parse(result.stdout);
    expect(doc.downloaded.map((d: { key: string }) => d.key)).toEqual(['built/sub/b.csv']);
    expect(doc.skipped).toEqual([
      {
        uri: 'file:///home/ada/project/sub/raw%20data.bin',
        key: null,
        versionId: null,
        logicalKey: 'sub/raw data.bin',
        reason: 'not in S3'
      }
    ]);
    expect(JSON.parse(result.stderr).error).toMatchObject({ code: 'SkippedKeys' });
  });

  it('makes no folder when no file is in S3, and says why for a single local file', async () => {
    const all = await helium('get', `s3://${suite.bucket}/`, '--snapshot', onlyLocal, 'out-none');
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('skip: "only.txt"');
    expect(all.stderr).toContain('1 file of the snapshot was not downloaded (0 were; it is not in S3)');
    await expect(fs.stat(path.join(suite.tmp, 'out-none'))).rejects.toThrow();

    const one = await helium('get', `s3://${suite.bucket}/notes.md`, '--snapshot', topHash, 'notes.md');
    expect(one.code).toBe(1);
    expect(one.stderr).toContain('but a file on the computer that built the package');
    await expect(fs.stat(path.join(suite.tmp, 'notes.md'))).rejects.toThrow();
  });
});
