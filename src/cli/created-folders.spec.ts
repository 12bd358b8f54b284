/**
 * A folder download that ends with nothing saved (cancelled, failed, every object skipped) takes
 * back the empty folders it made, and never touches a folder it did not make.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HeliumError } from '../service/error-class';
import { CreatedFolders, withCreatedFolders } from './created-folders';

let tmp: string;

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-created-'));
});

afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Whether a path exists. */
const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false
  );

it('removes only the empty folders this run made, deepest first', async () => {
  const existing = path.join(tmp, 'existing');
  await fs.mkdir(existing);
  const folders = new CreatedFolders();
  await folders.make(path.join(existing, 'new', 'a', 'b'));
  await folders.make(path.join(existing, 'new', 'kept'));
  await folders.make(existing); // already there: not this run's
  await fs.writeFile(path.join(existing, 'new', 'kept', 'file.txt'), 'x');
  const removed = await folders.removeEmpty();
  expect(removed.map(d => path.relative(tmp, d))).toEqual([path.join('existing', 'new', 'a', 'b'), path.join('existing', 'new', 'a')]);
  expect(await exists(path.join(existing, 'new', 'kept', 'file.txt'))).toBe(true);
  expect(await exists(existing)).toBe(true);
});

it('takes the folders back when the download is cancelled or saved nothing, not when it saved files', async () => {
  const target = path.join(tmp, 'out', 'deeper');
  const cancelled = new HeliumError('Cancelled', 'Cancelled.', { code: 'AbortError' });
  await expect(withCreatedFolders(3, folders => folders.make(target).then(() => Promise.reject(cancelled)))).rejects.toBe(cancelled);
  expect(await fs.readdir(tmp)).toEqual([]);

  const allSkipped = new HeliumError('InvalidInput', '1 object was not downloaded', { code: 'SkippedKeys' });
  await expect(withCreatedFolders(0, folders => folders.make(target).then(() => Promise.reject(allSkipped)))).rejects.toBe(allSkipped);
  expect(await fs.readdir(tmp)).toEqual([]);

  // Files saved, one object skipped: every folder made stays, an empty one (an S3 folder) too.
  const someSkipped = new HeliumError('InvalidInput', '1 object was not downloaded', { code: 'SkippedKeys' });
  await expect(
    withCreatedFolders(1, async folders => {
      await folders.make(path.join(target, 'empty-s3-folder'));
      throw someSkipped;
    })
  ).rejects.toBe(someSkipped);
  expect(await exists(path.join(target, 'empty-s3-folder'))).toBe(true);
});
