/**
 * Two `helium` processes writing one bucket at once both keep its local index fresh: each
 * re-reads the index under its lock file before saving, so neither saves over the other's update.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { putObject } from '../service/objects';
import { cliSuite } from '../testing/cli-suite';

jest.setTimeout(180_000);

const suite = cliSuite('cli-index-race');
const { helium } = suite;
let s3: S3Client;
let bucket: string;
let dataHome: string;

beforeAll(async () => {
  ({ s3, bucket, dataHome } = suite);
  await putObject(s3, { bucket, key: 'start.txt', body: 'x' });
});

it('two processes putting at once: the index holds every key either wrote', async () => {
  expect((await helium('index', `s3://${bucket}`)).code).toBe(0);
  const file = path.join(dataHome, 'body.txt');
  await fs.writeFile(file, 'hello\n');
  const writer = async (name: string) => {
    for (let i = 0; i < 8; i++) {
      const put = await helium('put', file, `s3://${bucket}/${name}/${i}.txt`);
      expect({ code: put.code, stderr: put.stderr }).toEqual({ code: 0, stderr: expect.not.stringContaining('could not be updated') });
    }
  };
  await Promise.all([writer('a'), writer('b')]);
  const found = await helium('search', '*', `s3://${bucket}`, '--json', '--limit', '100');
  expect(found.code).toBe(0);
  const keys = (JSON.parse(found.stdout).hits as { key: string }[]).map(h => h.key).sort();
  const wanted = ['start.txt', ...['a', 'b'].flatMap(n => Array.from({ length: 8 }, (_, i) => `${n}/${i}.txt`))].sort();
  expect(keys).toEqual(wanted);
  const leftovers = (await fs.readdir(path.dirname(path.join(dataHome, 'helium', 'search', 'x')), { recursive: true })).filter(f =>
    /\.(lock|tmp)$|stale-/.test(f)
  );
  expect(leftovers).toEqual([]);
});
