/**
 * `helium put <file|dir> s3://bucket/key-or-prefix/ [--meta JSON] [--concurrency N]`: upload a
 * file to a key (or into a prefix ending in `/`), or a folder recursively (keys = relative
 * paths). Unchanged objects (same size and SHA-256, same metadata) are skipped.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { HeliumError } from '../service/error-class';
import { formatForKey } from '../service/formats/registry';
import { uploadObject, UploadResult } from '../service/transfers';
import { openFileSource } from '../service/transfers/node-fs';
import { formatS3Uri, writeKeyProblem } from '../service/uri';
import type { CliContext } from './context';
import { indexAfterWrites } from './index-after-writes';
import { UsageError } from './errors';
import { listedSizes } from './listed-sizes';
import { heliumUserMetadata, parseMetaOption } from './meta';
import { safeText } from './output';
import { LocalFile, walkFiles } from './paths';
import { DEFAULT_FILE_WORKERS, Job, runJobs } from './transfer-queue';
import { parseUriArgument } from './uri-args';

/** Options of `helium put`. */
export interface PutOptions {
  meta?: string;
  concurrency?: string;
}

/** One planned upload. */
interface PlannedUpload extends LocalFile {
  key: string;
  userMetadata?: Record<string, string>;
  contentType?: string;
}

/**
 * The `--concurrency` option, checked.
 * @param text - the option's value.
 * @returns the number (default 4).
 * @throws UsageError when it is not a whole number from 1 to 64.
 */
export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) {
    return 4;
  }
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, not "${safeText(text)}".`, 'InvalidOption');
  }
  return n;
}

/**
 * Run `helium put`.
 * @param ctx - the context.
 * @param local - the file or folder.
 * @param uri - the destination key, or a prefix ending in `/`.
 * @param options - `--meta`, `--concurrency`.
 */
export async function put(ctx: CliContext, local: string, uri: string, options: PutOptions): Promise<void> {
  // Everything that can be checked is checked before a byte is sent.
  const meta = options.meta !== undefined ? parseMetaOption(options.meta) : undefined;
  const concurrency = parseConcurrency(options.concurrency);
  if (local === '-') {
    // `aws s3 cp - s3://…` reads stdin; here it would upload whatever file named "-" is there.
    throw new UsageError(
      'helium put does not read standard input ("-"): save it to a file and put that file (a file named "-" is ./-).',
      'Usage'
    );
  }
  const dest = parseUriArgument(uri, 'put');
  if (dest.versionId) {
    throw new UsageError('The destination of put cannot have a ?versionId=: an upload always makes a new version.', 'Usage');
  }
  const stat = await fs.stat(local);
  let files: LocalFile[];
  let prefix: string;
  if (stat.isDirectory()) {
    prefix = dest.key === '' || dest.key.endsWith('/') ? dest.key : `${dest.key}/`;
    files = await walkFiles(path.resolve(local), (file, why) => ctx.out.note(`skip: ${safeText(file)} (${why})`));
    if (files.length === 0) {
      throw new HeliumError('NotFound', `"${safeText(local)}" has no files to upload.`, { code: 'EmptyFolder' });
    }
  } else if (stat.isFile()) {
    const name = path.basename(local);
    prefix = '';
    const key = dest.key === '' || dest.key.endsWith('/') ? `${dest.key}${name}` : dest.key;
    files = [{ path: path.resolve(local), relative: key, size: stat.size }];
  } else {
    throw new UsageError(`"${safeText(local)}" is neither a file nor a folder.`, 'Usage');
  }

  const planned: PlannedUpload[] = files.map(file => {
    const key = `${prefix}${file.relative}`;
    const problem = writeKeyProblem(key);
    if (problem) {
      const shown = safeText(path.relative(process.cwd(), file.path) || file.path);
      throw new HeliumError(
        'InvalidInput',
        `Cannot upload ${shown} to ${safeText(formatS3Uri({ bucket: dest.bucket, key }))}: ${problem} Nothing was uploaded.`,
        { code: 'InvalidKey' }
      );
    }
    const item: PlannedUpload = { ...file, key };
    const codec = formatForKey(key);
    if (codec) {
      item.contentType = codec.contentType;
    }
    if (meta) {
      item.userMetadata = heliumUserMetadata(key, meta);
    }
    return item;
  });

  // A folder: one listing of the destination tells which files are new, instead of a HEAD each.
  const listed = stat.isDirectory() && planned.length > 1 ? await listedSizes(ctx, dest.bucket, prefix, planned.length) : undefined;
  const total = planned.reduce((sum, f) => sum + f.size, 0);
  const progress = ctx.progress(total, planned.length);
  const results: Record<string, unknown>[] = [];
  // By path: a search of the list per finished file would be quadratic in a folder of 100,000.
  const plannedByPath = new Map(planned.map(file => [file.path, file]));
  const jobs: Job<UploadResult>[] = planned.map(file => ({
    id: file.path,
    size: file.size,
    run: async (signal, onBytes) => {
      const source = await openFileSource(file.path);
      try {
        if (source.size !== file.size) {
          file.size = source.size;
        }
        return await uploadObject(ctx.s3, {
          bucket: dest.bucket,
          key: file.key,
          source,
          ...(file.contentType ? { contentType: file.contentType } : {}),
          ...(file.userMetadata ? { userMetadata: file.userMetadata } : {}),
          // Not given: the engine sizes the parts in flight by memory.
          ...(options.concurrency === undefined ? {} : { concurrency }),
          skipIfUnchanged: true,
          ...(listed ? { listed: listed.has(file.key) ? { size: listed.get(file.key) as number } : null } : {}),
          signal,
          onProgress: p => onBytes(p.transferredBytes)
        });
      } finally {
        await source.close();
      }
    }
  }));
  const shown = (file: string) => safeText(path.relative(process.cwd(), file) || file);
  try {
    await runJobs(
      jobs,
      concurrency,
      ctx.signal,
      progress,
      async (job, result) => {
        const file = plannedByPath.get(job.id) as PlannedUpload;
        const target = formatS3Uri({ bucket: dest.bucket, key: result.key });
        results.push({
          file: file.path,
          uri: target,
          key: result.key,
          size: file.size,
          versionId: result.versionId ?? null,
          etag: result.etag ?? null,
          checksumSha256: result.checksumSha256 ?? null,
          parts: result.parts,
          skipped: result.skipped
        });
        if (!ctx.json) {
          const line = result.skipped
            ? `skip: ${shown(file.path)} (unchanged at ${safeText(target)})`
            : `upload: ${shown(file.path)} to ${safeText(target)}`;
          progress.above(() => void ctx.out.line(line));
        }
      },
      options.concurrency === undefined ? DEFAULT_FILE_WORKERS : concurrency
    );
  } finally {
    progress.stop();
    // Also after a partial failure: what was uploaded is in the bucket.
    const written = results.filter(r => !r.skipped).map(r => ({ key: r.key as string, type: 'put' as const }));
    await indexAfterWrites(ctx, dest.bucket, written);
  }
  if (ctx.json) {
    await ctx.out.result({ uploaded: results });
  } else if (planned.length > 1) {
    const skipped = results.filter(r => r.skipped).length;
    ctx.out.note(
      `${planned.length - skipped} uploaded, ${skipped} unchanged (skipped), ${planned.length} file${planned.length === 1 ? '' : 's'} in all.`
    );
  }
}
