/**
 * Shared setup of the `helium` end-to-end specs (src/cli/cli-*.int.spec.ts): a versioned test
 * bucket on the local S3 server, a temporary folder and data home, the CLI built, and `helium(...args)` that runs
 * it there. Call {@link cliSuite} once at the top of a spec file; its fields are set in its
 * `beforeAll`, so read them inside tests and hooks.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliResult, ensureCliBuilt, runCli } from './cli-harness';
import { createTestBucket, testClient, testS3Url } from './s3';

/** What a spec file gets from {@link cliSuite}. */
export interface CliSuite {
  s3: S3Client;
  /** A versioned bucket of this file's own. */
  bucket: string;
  /** The local S3 server's URL. */
  endpoint: string;
  /** A temporary folder, removed after the file's tests; the CLI's working folder. */
  tmp: string;
  /** The CLI's XDG_DATA_HOME (where search indexes live), a temporary folder of its own. */
  dataHome: string;
  /** Run helium against the local S3 server, in `tmp`, with `dataHome`. */
  helium: (...args: string[]) => Promise<CliResult>;
}

/**
 * Register the setup and teardown of a spec file.
 * @param label - names the bucket and the temporary folder.
 * @returns the suite (fields filled before the first test).
 */
export function cliSuite(label: string): CliSuite {
  const suite = {
    helium: (...args: string[]) => runCli(args, { endpoint: suite.endpoint, cwd: suite.tmp, env: { XDG_DATA_HOME: suite.dataHome } })
  } as CliSuite;
  beforeAll(async () => {
    suite.endpoint = testS3Url();
    suite.s3 = testClient();
    suite.bucket = await createTestBucket(suite.s3, label);
    suite.tmp = await fs.mkdtemp(path.join(os.tmpdir(), `helium-${label}-`));
    suite.dataHome = await fs.mkdtemp(path.join(os.tmpdir(), `helium-${label}-data-`));
    await ensureCliBuilt();
  });
  afterAll(async () => {
    suite.s3?.destroy();
    for (const folder of [suite.tmp, suite.dataHome]) {
      if (folder) {
        await fs.rm(folder, { recursive: true, force: true });
      }
    }
  });
  return suite;
}

/**
 * Write `size` random bytes to a file (its folder is made).
 * @param file - the file.
 * @param size - how many bytes.
 * @returns the bytes.
 */
export async function randomFile(file: string, size: number): Promise<Buffer> {
  const bytes = randomBytes(size);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return bytes;
}
