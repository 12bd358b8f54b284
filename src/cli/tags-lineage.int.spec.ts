/**
 * `helium tag`, `helium tags` (with a pin following a tag) and `helium snapshot --notebook`
 * (lineage) end to end: dist/helium.cjs as a child process against the local S3 (moto).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import { putObject } from '../service/objects';
import { readLineage } from '../service/pins/lineage';
import { isLosslessNumber } from '../service/snapshots/json-values';
import { readSnapshot } from '../service/snapshots/registry';
import { snapshot } from '../service/snapshots/snapshot';
import { cliSuite } from '../testing/cli-suite';
import { notebookWithPins, pinnedFolder } from '../testing/pin-fixtures';

jest.setTimeout(120_000);

const suite = cliSuite('cli-tags');
const { helium } = suite;
const nextSecond = () => new Promise(resolve => setTimeout(resolve, 1050 - (Date.now() % 1000)));
let s3: S3Client, bucket: string;
beforeAll(() => {
  ({ s3, bucket } = suite);
});
const pinned = (folder: string) => pinnedFolder(s3, bucket, folder);
const notebookWith = (name: string, pins: unknown[]) => notebookWithPins(suite.tmp, name, pins);

describe('helium tag and tags', () => {
  it('tags a snapshot of a folder, lists tags and history, and a pin following the tag re-locks with --pin', async () => {
    const { pin } = await pinned('tagged/');
    await putObject(s3, { bucket, key: 'tagged/a.txt', body: 'alpha 2' });
    await nextSecond();
    const second = await snapshot(s3, { bucket, folder: 'tagged/', name: String(pin.package), message: 'second' });
    const uri = `s3://${bucket}/tagged/`;
    const created = await helium('tag', uri, String(pin.top_hash).slice(0, 8), 'paper-v1');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`Tagged ${String(pin.top_hash).slice(0, 12)} of cli/tagged as "paper-v1".`);
    const refused = await helium('tag', uri, second.topHash, 'paper-v1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('a tag moves only when asked');
    const file = await notebookWith('tag.ipynb', [{ ...pin, follows: { tag: 'paper-v1' } }]);
    expect((await helium('pins', file)).stdout).toContain('follows tag paper-v1: up to date');
    expect((await helium('tag', uri, second.topHash, 'paper-v1', '--move', '-m', 'revised')).stdout).toContain('Moved tag "paper-v1"');
    expect((await helium('pins', file)).stdout).toContain(
      `follows tag paper-v1: now names a newer snapshot, ${second.topHash.slice(0, 12)} (`
    );
    const moved = JSON.parse((await helium('pins', file, '--json')).stdout).pins[0].followed;
    expect(moved).toEqual(expect.objectContaining({ topHash: second.topHash, direction: 'newer', pinnedAt: expect.any(String) }));
    expect(Date.parse(moved.followedAt)).toBeGreaterThan(Date.parse(moved.pinnedAt));
    const listed = await helium('tags', uri, '--json');
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ tag: 'paper-v1', top_hash: second.topHash })]);
    const history = await helium('tags', uri, 'paper-v1');
    expect(
      history.stdout
        .split('\n')
        .filter(l => l.startsWith('  '))
        .map(l => l.trim().split(/\s+/)[1])
    ).toEqual([String(pin.top_hash).slice(0, 12), second.topHash.slice(0, 12)]);
    const update = await helium('pins', 'update', file, '--pin', 'tagged');
    expect(update.code).toBe(0);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).metadata.helium.pins[0].top_hash).toBe(second.topHash);
    // Moved back: the pin (now on the second snapshot) sees an OLDER one, and says so.
    expect((await helium('tag', uri, String(pin.top_hash), 'paper-v1', '--move')).code).toBe(0);
    const back = await helium('pins', file);
    expect(back.stdout).toContain(`follows tag paper-v1: now names an older snapshot, ${String(pin.top_hash).slice(0, 12)} (`);
    const usage = await helium('tag', uri, second.topHash, 'latest');
    expect(usage.code).toBe(2);
  });
});

describe('helium snapshot --notebook', () => {
  it('records the notebook path, its SHA-256 and its pins as lineage, merged with --meta', async () => {
    const { pin } = await pinned('inputs/');
    const file = await notebookWith('lineage.ipynb', [pin]);
    await putObject(s3, { bucket, key: 'results/out.csv', body: 'x\n1\n' });
    const run = await helium(
      'snapshot',
      `s3://${bucket}/results/`,
      '-m',
      'from a notebook',
      '--meta',
      '{"run": 1.0}',
      '--notebook',
      'lineage.ipynb'
    );
    expect(run.code).toBe(0);
    const manifest = await readSnapshot(s3, bucket, run.stdout.trim());
    const userMeta = manifest.header.user_meta as Record<string, unknown>;
    expect(isLosslessNumber(userMeta.run) && userMeta.run.value).toBe('1.0');
    expect(readLineage(userMeta)).toEqual({
      notebook: {
        path: 'lineage.ipynb',
        sha256: createHash('sha256')
          .update(await fs.readFile(file))
          .digest('hex')
      },
      pins: [{ name: pin.name, uri: pin.uri, package: pin.package, top_hash: pin.top_hash }]
    });
  });
});
