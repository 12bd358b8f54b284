/**
 * Fixtures of the CLI's pin specs: a snapshotted folder with its pin, and a notebook file that
 * holds pins.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { promises as fs } from 'fs';
import * as path from 'path';
import { putObject } from '../service/objects';
import { makePin, pinJson } from '../service/pins/notebook-pins';
import { snapshot } from '../service/snapshots/snapshot';

/**
 * Write a.txt and b.txt into a folder, snapshot it as package `cli/<folder>`, and pin that.
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @param folder - the folder (ending in `/`).
 * @returns the pin JSON and the version id of a.txt.
 */
export async function pinnedFolder(
  s3: S3Client,
  bucket: string,
  folder: string
): Promise<{ pin: Record<string, unknown>; aVersion: string }> {
  const aVersion = (await putObject(s3, { bucket, key: `${folder}a.txt`, body: 'alpha' })).versionId as string;
  await putObject(s3, { bucket, key: `${folder}b.txt`, body: 'beta' });
  const pkg = `cli/${folder.replace(/\/$/, '')}`;
  const taken = await snapshot(s3, { bucket, folder, name: pkg, message: 'pinned' });
  return { pin: pinJson(makePin({ bucket, folder, package: pkg, topHash: taken.topHash, name: folder.replace(/\/$/, '') })), aVersion };
}

/**
 * Write a notebook (Jupyter's layout: indent 1) holding pins.
 * @param dir - the folder.
 * @param name - the file name.
 * @param pins - the pins list.
 * @returns its path.
 */
export async function notebookWithPins(dir: string, name: string, pins: unknown[]): Promise<string> {
  const file = path.join(dir, name);
  const nb = {
    cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: ['x = 1.0\n'] }],
    metadata: { kernelspec: { display_name: 'Python 3', name: 'python3' }, helium: { pins } },
    nbformat: 4,
    nbformat_minor: 5
  };
  await fs.writeFile(file, `${JSON.stringify(nb, null, 1)}\n`);
  return file;
}
