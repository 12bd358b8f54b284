/**
 * Test helpers for Quilt workflows: a registry bucket with a folder and a workflows config, what
 * a snapshot left under `.quilt/`, and a manifest's header.
 */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { getObjectText } from '../service/objects-read';
import { putObject } from '../service/objects-write';
import { WORKFLOW_CONFIG_KEY } from '../service/snapshots/workflow-config';
import { createTestBucket } from './s3';

/** A registry made by {@link registryWith}. */
export interface TestRegistry {
  bucket: string;
  /** The config's version id ('' without a config). */
  configVersion: string;
  /** The config's physical key as quilt3 records it. */
  configKey: string;
}

/**
 * A bucket with files under `data/` (`a.txt` = "a", `sub/b.csv` = "bb") and, when given, a
 * workflows config and other objects (schemas).
 * @param s3 - the client.
 * @param config - the config's YAML, or a function of the bucket and the objects' version ids
 *   giving it; undefined for none.
 * @param objects - more objects, key → body, written before the config.
 * @returns the bucket and the config's version.
 */
export async function registryWith(
  s3: S3Client,
  config: string | ((bucket: string, versions: Record<string, string>) => string) | undefined,
  objects: Record<string, string> = {}
): Promise<TestRegistry> {
  const bucket = await createTestBucket(s3, 'snap-workflow');
  await putObject(s3, { bucket, key: 'data/a.txt', body: 'a' });
  await putObject(s3, { bucket, key: 'data/sub/b.csv', body: 'bb' });
  const versions: Record<string, string> = {};
  for (const [key, body] of Object.entries(objects)) {
    versions[key] = (await putObject(s3, { bucket, key, body })).versionId ?? '';
  }
  let configVersion = '';
  if (config !== undefined) {
    const body = typeof config === 'string' ? config : config(bucket, versions);
    configVersion = (await putObject(s3, { bucket, key: WORKFLOW_CONFIG_KEY, body })).versionId ?? '';
  }
  return { bucket, configVersion, configKey: `s3://${bucket}/${WORKFLOW_CONFIG_KEY}?versionId=${configVersion}` };
}

/**
 * The keys under `.quilt/` (to show a refused snapshot wrote nothing).
 * @param s3 - the client.
 * @param bucket - the bucket.
 * @returns the keys, sorted.
 */
export async function registryKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: '.quilt/' }));
  return (out.Contents ?? []).map(o => o.Key ?? '').sort();
}

/**
 * The header line of a manifest helium wrote.
 * @param s3 - the client.
 * @param bucket - the registry.
 * @param topHash - the manifest's top hash.
 * @returns the parsed header.
 */
export async function manifestHeader(s3: S3Client, bucket: string, topHash: string): Promise<Record<string, unknown>> {
  const { text } = await getObjectText(s3, { bucket, key: `.quilt/packages/${topHash}` });
  return JSON.parse(text.split('\n')[0]) as Record<string, unknown>;
}
