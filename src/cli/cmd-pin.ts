/**
 * `helium pin NOTEBOOK s3://bucket/folder/ [HASH]`: pin a snapshot of a folder to a notebook
 * (`metadata.helium.pins`), by default the package's latest, or the one a tag names (and then
 * the pin follows that tag); `--snapshot` first snapshots the folder when it changed since its
 * latest snapshot (or has none). `helium pin NOTEBOOK s3://bucket/key [--version ID]`: pin one
 * object version (the current one by default). The notebook is written atomically; a pin of the
 * same name is replaced, every other pin and all the rest of the notebook are kept as they were.
 */
import { isHeliumError } from '../service/error-class';
import { pinJson, setPin, withFreeName, writablePins } from '../service/pins/notebook-pins';
import { folderChangedSince, folderPackage, resolveFilePin, resolveFolderPin } from '../service/pins/pin-target';
import { shortLock } from '../service/pins/pin-lock';
import type { Pin } from '../service/pins/types';
import { readLatest } from '../service/snapshots/registry';
import { snapshot as takeSnapshot } from '../service/snapshots/snapshot';
import { defaultPackageName } from '../service/snapshots/names';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { workflowOption } from './cmd-snapshot';
import { UsageError } from './errors';
import { readNotebookFile, writeNotebookFile } from './notebook-file';
import { safeText } from './output';
import { parseUriArgument, withVersionOption } from './uri-args';

/** Options of `helium pin`. */
export interface PinCommandOptions {
  /** `--package ns/name` (a folder). */
  package?: string;
  /** `--tag NAME`: pin what the tag names and follow it (a folder). */
  tag?: string;
  /** `--name NAME`: the pin's name. */
  name?: string;
  /** `--snapshot`: snapshot the folder first when it changed (a folder). */
  snapshot?: boolean;
  /** `-m`: the snapshot's message (with `--snapshot`). */
  message?: string;
  /** `--workflow ID`: the snapshot's Quilt workflow (with `--snapshot`; see `workflowOption`). */
  workflow?: string;
  /** `--version ID` (a file). */
  version?: string;
}

/**
 * Snapshot a folder when it differs from its latest snapshot (or has none).
 * @param ctx - the context.
 * @param where - the folder and its package (given or default).
 * @param message - the snapshot's message.
 * @param workflow - `--workflow`, if given.
 * @returns the new top hash, or undefined when the latest snapshot is still the folder's state.
 */
async function snapshotIfChanged(
  ctx: CliContext,
  where: { bucket: string; folder: string; package: string },
  message: string,
  workflow: string | undefined
): Promise<string | undefined> {
  const latest = await readLatest(ctx.s3, where.bucket, where.package, ctx.signal);
  if (latest && !(await folderChangedSince(ctx.s3, { ...where, topHash: latest }, ctx.signal))) {
    ctx.out.note(
      `${safeText(formatS3Uri({ bucket: where.bucket, key: where.folder }))} is unchanged since ${latest.slice(0, 12)}: no new snapshot.`
    );
    return undefined;
  }
  const result = await takeSnapshot(ctx.s3, {
    bucket: where.bucket,
    folder: where.folder,
    name: where.package,
    message,
    workflow: workflowOption(workflow),
    signal: ctx.signal
  });
  ctx.out.note(
    `Snapshot ${result.topHash.slice(0, 12)} of ${safeText(formatS3Uri({ bucket: where.bucket, key: result.folder }))} as ${safeText(result.name)}.`
  );
  return result.topHash;
}

/**
 * The pin the arguments name.
 * @param ctx - the context.
 * @param notebookPath - the notebook (for the snapshot's default message).
 * @param uri - the folder or file.
 * @param hash - a top hash (a folder), if given.
 * @param options - the command's options.
 * @returns the pin.
 */
async function pinFromArgs(
  ctx: CliContext,
  notebookPath: string,
  uri: string,
  hash: string | undefined,
  options: PinCommandOptions
): Promise<Pin> {
  const location = withVersionOption(parseUriArgument(uri, 'pin'), options.version);
  const isFolder = location.key === '' || location.key.endsWith('/');
  if (!isFolder) {
    const misplaced = (['package', 'tag', 'snapshot'] as const).filter(o => options[o] !== undefined);
    if (hash !== undefined || misplaced.length > 0) {
      throw new UsageError(
        `${safeText(uri)} names a file: ${hash !== undefined ? 'a top hash' : `--${misplaced[0]}`} is for folders (end the URI with "/"). A file pin locks one version: --version ID, or its current one.`,
        'Usage'
      );
    }
    return resolveFilePin(
      ctx.s3,
      { bucket: location.bucket, key: location.key, versionId: location.versionId, name: options.name },
      ctx.signal
    );
  }
  if (location.versionId) {
    throw new UsageError('A folder pin locks a snapshot, not a version: remove ?versionId= / --version.', 'Usage');
  }
  if ([hash !== undefined, !!options.tag, !!options.snapshot].filter(Boolean).length > 1) {
    throw new UsageError('Give one of: a top hash, --tag NAME, or --snapshot.', 'Usage');
  }
  const target = { bucket: location.bucket, folder: location.key, package: options.package, hash, tag: options.tag, name: options.name };
  if (options.snapshot) {
    let pkg = options.package;
    if (!pkg) {
      try {
        pkg = await folderPackage(ctx.s3, target, ctx.signal);
      } catch (err) {
        if (!isHeliumError(err, 'NotFound')) {
          throw err;
        }
        pkg = defaultPackageName(location.bucket, location.key);
      }
    }
    const message = options.message ?? `Pinned to ${notebookPath}`;
    const topHash = await snapshotIfChanged(
      ctx,
      { bucket: location.bucket, folder: location.key, package: pkg },
      message,
      options.workflow
    );
    return resolveFolderPin(ctx.s3, { ...target, package: pkg, hash: topHash }, ctx.signal);
  }
  if (options.message !== undefined || options.workflow !== undefined) {
    const option = options.message !== undefined ? '-m is the message' : '--workflow is the Quilt workflow';
    throw new UsageError(`${option} of the snapshot --snapshot takes; add --snapshot or leave it out.`, 'Usage');
  }
  return resolveFolderPin(ctx.s3, target, ctx.signal);
}

/**
 * Run `helium pin NOTEBOOK URI [HASH]`.
 * @param ctx - the context.
 * @param notebookPath - the notebook file.
 * @param uri - the folder or file.
 * @param hash - a top hash (a folder), if given.
 * @param options - the command's options.
 */
export async function pinCommand(
  ctx: CliContext,
  notebookPath: string,
  uri: string,
  hash: string | undefined,
  options: PinCommandOptions
): Promise<void> {
  // Read (and check) the notebook, and that its pins can be written, before anything is written to S3.
  writablePins((await readNotebookFile(notebookPath)).notebook);
  const pin = await pinFromArgs(ctx, notebookPath, uri, hash, options);
  // Read again just before writing: a --snapshot may take long, and JupyterLab may have saved the
  // notebook meanwhile (its edits are kept). A default name taken by other data gets a name of
  // its own (see withFreeName); --name replaces that pin.
  const fresh = await readNotebookFile(notebookPath);
  const named = options.name === undefined ? withFreeName(fresh.notebook, pin) : pin;
  await writeNotebookFile(fresh, setPin(fresh.notebook, named));
  if (ctx.json) {
    await ctx.out.result({ notebook: notebookPath, pin: pinJson(named) });
    return;
  }
  const lock =
    named.kind === 'file' ? `version ${shortLock(named.version_id)}` : `snapshot ${named.top_hash.slice(0, 12)} of ${named.package}`;
  await ctx.out.line(`pinned  ${safeText(named.name)}: ${safeText(named.uri)} @ ${safeText(lock)}`);
  ctx.out.note(`Wrote ${safeText(notebookPath)}. helium pins ${safeText(notebookPath)} checks it.`);
}
