/**
 * *Restore from Archive…* in the S3 panel, apart from its dialog: which rows it applies to, what
 * it asks S3 for (a restored copy of one archived object, or of every archived object under a
 * folder), and what the person is told. Nothing is written: the objects stay archived, and the
 * restored copies go away after the days asked (see service/archive.ts).
 */
import type { Tier } from '@aws-sdk/client-s3';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IHeliumConnections } from '../tokens';
import type { RestoreRequestResult } from '../service/archive';
import { loadEngine } from './engine';

/** What is restored: one object, or every archived object under a folder. */
export interface IArchiveTarget {
  connection: string;
  bucket: string;
  /** The object's key, or the folder's prefix (ending in `/`). */
  key: string;
  folder: boolean;
  /** One version of the object (an older version can be archived alone, by a lifecycle rule). */
  versionId?: string;
}

/** What the person chose in the dialog. */
export interface IRestoreChoice {
  days: number;
  tier: Tier;
}

/** How the requests went. */
export interface IRestoreSummary {
  started: number;
  /** Already restored: their copies' days were set anew. */
  extended: number;
  inProgress: number;
  notArchived: number;
}

/**
 * Why an object cannot be read now, when it is archived: no restored copy yet, or one under way.
 * Asked before opening an archived row, so the person gets the way out rather than a load error.
 * @param connections - the connections.
 * @param ref - the object.
 * @param ref.connection - its connection.
 * @param ref.bucket - its bucket.
 * @param ref.key - its key.
 * @param trans - the translations.
 * @returns the sentence and whether a restore can be asked for; null when it can be read (or S3 would not say).
 */
export async function archivedProblem(
  connections: IHeliumConnections,
  ref: { connection: string; bucket: string; key: string },
  trans: TranslationBundle
): Promise<{ message: string; canRestore: boolean } | null> {
  try {
    const [lib, s3] = await Promise.all([loadEngine(), connections.client(ref.connection)]);
    const state = lib.archiveStateOf(await lib.headObject(s3, { bucket: ref.bucket, key: ref.key }));
    if (!state || state.restore.state === 'restored') {
      return null;
    }
    const uri = lib.formatS3Uri({ bucket: ref.bucket, key: ref.key });
    return state.restore.state === 'in-progress'
      ? {
          message: trans.__('%1 is archived in %2. A restore is under way: it opens once the restore is done.', uri, state.archive),
          canRestore: false
        }
      : {
          message: trans.__(
            '%1 is archived in %2: S3 serves its bytes only from a restored copy, and there is none yet.',
            uri,
            state.archive
          ),
          canRestore: true
        };
  } catch {
    return null;
  }
}

/**
 * Ask S3 for restored copies.
 * @param connections - the connections.
 * @param target - the object or folder.
 * @param choice - days and tier.
 * @param signal - cancels the folder's listing and requests.
 * @returns how many restores started, were extended, were under way, and how many objects were not archived.
 * @throws HeliumError from S3 (access denied: s3:RestoreObject, a tier the archive lacks…).
 */
export async function restoreFromArchive(
  connections: IHeliumConnections,
  target: IArchiveTarget,
  choice: IRestoreChoice,
  signal?: AbortSignal
): Promise<IRestoreSummary> {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(target.connection)]);
  const summary: IRestoreSummary = { started: 0, extended: 0, inProgress: 0, notArchived: 0 };
  const count = (result: RestoreRequestResult) => {
    if (result === 'started') {
      summary.started += 1;
    } else if (result === 'extended') {
      summary.extended += 1;
    } else if (result === 'in-progress') {
      summary.inProgress += 1;
    } else {
      summary.notArchived += 1;
    }
  };
  if (target.folder) {
    const { outcomes, notArchived } = await lib.restoreArchivedUnder(
      s3,
      { bucket: target.bucket, prefix: target.key },
      { ...choice, signal }
    );
    outcomes.forEach(o => count(o.result));
    summary.notArchived += notArchived;
    return summary;
  }
  const ref = { bucket: target.bucket, key: target.key, ...(target.versionId ? { versionId: target.versionId } : {}) };
  count((await lib.restoreArchivedObject(s3, ref, { ...choice, signal })).result);
  return summary;
}

/**
 * What to tell the person once S3 answered.
 * @param summary - the counts.
 * @param choice - the tier (how long it takes) and days.
 * @param trans - the translations.
 * @returns a sentence or two.
 */
export function restoreSummaryText(summary: IRestoreSummary, choice: IRestoreChoice, trans: TranslationBundle): string {
  const parts: string[] = [];
  const days = trans._n('%1 day', '%1 days', choice.days);
  if (summary.started > 0) {
    const takes =
      choice.tier === 'Expedited'
        ? trans.__('usually 1 to 5 minutes')
        : choice.tier === 'Bulk'
          ? trans.__('usually 5 to 12 hours (up to 48 from Deep Archive)')
          : trans.__('usually 3 to 5 hours (up to 12 from Deep Archive)');
    parts.push(
      trans._n(
        'Restore requested for %1 object (%2); its copy stays readable for %3.',
        'Restore requested for %1 objects (%2); their copies stay readable for %3.',
        summary.started,
        takes,
        days
      )
    );
  }
  if (summary.extended > 0) {
    parts.push(
      trans._n('%1 was already restored: kept %2 from today.', '%1 were already restored: kept %2 from today.', summary.extended, days)
    );
  }
  if (summary.inProgress > 0) {
    parts.push(trans._n('%1 restore was already under way.', '%1 restores were already under way.', summary.inProgress));
  }
  if (parts.length === 0) {
    parts.push(
      trans._n(
        '%1 object is not archived: it can be read as it is.',
        'Nothing under it is archived (%1 objects): they can be read as they are.',
        summary.notArchived
      )
    );
  }
  return parts.join(' ');
}
