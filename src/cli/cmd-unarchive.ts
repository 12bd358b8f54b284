/**
 * `helium unarchive s3://bucket/key [--days N] [--tier T]` and `helium unarchive s3://bucket/prefix/
 * --recursive`: ask S3 for restored copies of archived objects (S3 Glacier Flexible Retrieval,
 * Deep Archive, Intelligent-Tiering's archive tiers), which can then be read for the days asked.
 * Nothing is written: the archived objects stay as they are (see service/archive.ts).
 */
import type { Tier } from '@aws-sdk/client-s3';
import {
  DEFAULT_RESTORE_DAYS,
  RESTORE_TIERS,
  restoreArchivedObject,
  restoreArchivedUnder,
  RestoreOutcome,
  RestoreRequestResult
} from '../service/archive';
import { formatS3Uri } from '../service/uri';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { safeText } from './output';
import { parseUriArgument, withVersionOption } from './uri-args';

/** Options of `helium unarchive`. */
export interface UnarchiveOptions {
  days?: string;
  tier?: string;
  recursive?: boolean;
  version?: string;
}

/**
 * One line for an archived object's answer: `restore: s3://b/k (S3 Glacier Deep Archive)`, and
 * what was already so.
 * @param uri - the object.
 * @param archive - its archive's name.
 * @param result - S3's answer.
 * @param days - the days asked.
 * @returns the line.
 */
function outcomeLine(uri: string, archive: string, result: RestoreRequestResult, days: number): string {
  const already =
    result === 'extended'
      ? `: already restored; now kept ${days} day${days === 1 ? '' : 's'} from today`
      : result === 'in-progress'
        ? ': a restore is already under way'
        : '';
  return `restore: ${safeText(uri)} (${archive})${already}`;
}

/**
 * Read `--days` (a whole number of days, 1 or more).
 * @param text - the option's value, if given.
 * @returns the days.
 * @throws UsageError when it is not one.
 */
export function parseDays(text: string | undefined): number {
  if (text === undefined) {
    return DEFAULT_RESTORE_DAYS;
  }
  const days = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(days) || days < 1) {
    throw new UsageError(
      `--days must be a whole number of days, 1 or more (got "${safeText(text)}"), e.g. --days 7. Nothing was requested.`,
      'Usage'
    );
  }
  return days;
}

/**
 * Read `--tier` (case-insensitive).
 * @param text - the option's value, if given.
 * @returns the tier S3 names.
 * @throws UsageError for another value.
 */
export function parseTier(text: string | undefined): Tier {
  if (text === undefined) {
    return 'Standard';
  }
  const tier = RESTORE_TIERS.find(t => t.toLowerCase() === text.trim().toLowerCase());
  if (!tier) {
    throw new UsageError(
      `--tier must be one of ${RESTORE_TIERS.join(', ')} (got "${safeText(text)}"): Expedited takes minutes (not from Deep Archive), Standard hours, Bulk the longest and costs least. Nothing was requested.`,
      'Usage'
    );
  }
  return tier;
}

/**
 * Run `helium unarchive`.
 * @param ctx - the context.
 * @param uri - an object, or a prefix with `--recursive` (or ending in `/`).
 * @param options - `--days`, `--tier`, `--recursive`, `--version`.
 */
export async function unarchive(ctx: CliContext, uri: string, options: UnarchiveOptions): Promise<void> {
  const location = withVersionOption(parseUriArgument(uri, 'unarchive'), options.version);
  const days = parseDays(options.days);
  const tier = parseTier(options.tier);
  const { bucket, key } = location;
  const folder = options.recursive || key === '' || key.endsWith('/');
  if (folder && location.versionId) {
    throw new UsageError('A version (--version or ?versionId=) names one object version; it cannot be used with a folder.', 'Usage');
  }
  if (!folder) {
    const { state, storageClass, result } = await restoreArchivedObject(ctx.s3, location, { days, tier, signal: ctx.signal });
    const where = safeText(formatS3Uri(location));
    if (!state) {
      if (ctx.json) {
        await ctx.out.result({ uri: formatS3Uri(location), result: 'not-archived', storageClass });
      } else {
        await ctx.out.line(`${where} is not archived (storage class ${storageClass}): it can be read as it is. Nothing was requested.`);
      }
      return;
    }
    if (ctx.json) {
      await ctx.out.result({ uri: formatS3Uri(location), archive: state.archive, result, days, tier });
      return;
    }
    await ctx.out.line(outcomeLine(formatS3Uri(location), state.archive, result, days));
    if (result === 'started') {
      ctx.out.note(waitNote(tier));
    }
    return;
  }
  const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
  const onOutcome = (outcome: RestoreOutcome) => {
    if (!ctx.json) {
      void ctx.out.line(outcomeLine(formatS3Uri({ bucket, key: outcome.key }), outcome.archive, outcome.result, days));
    }
  };
  const { outcomes, notArchived } = await restoreArchivedUnder(ctx.s3, { bucket, prefix }, { days, tier, signal: ctx.signal, onOutcome });
  const count = (result: RestoreRequestResult) => outcomes.filter(o => o.result === result).length;
  if (ctx.json) {
    await ctx.out.result({
      uri: formatS3Uri({ bucket, key: prefix }),
      days,
      tier,
      archived: outcomes.map(o => ({ uri: formatS3Uri({ bucket, key: o.key }), key: o.key, archive: o.archive, result: o.result })),
      notArchived
    });
    return;
  }
  const n = (value: number, one: string, many: string) => `${value.toLocaleString('en-US')} ${value === 1 ? one : many}`;
  ctx.out.note(
    `${n(count('started'), 'restore', 'restores')} requested, ${n(count('in-progress'), 'was', 'were')} already under way, ${n(count('extended'), 'was', 'were')} already restored; ${n(notArchived, 'object is', 'objects are')} not archived.`
  );
  if (count('started') > 0) {
    ctx.out.note(waitNote(tier));
  }
}

/**
 * What to expect after a restore was requested, and how to see it done.
 * @param tier - the retrieval tier.
 * @returns a sentence.
 */
function waitNote(tier: Tier): string {
  const takes =
    tier === 'Expedited'
      ? '1 to 5 minutes'
      : tier === 'Bulk'
        ? '5 to 12 hours (up to 48 from Deep Archive)'
        : '3 to 5 hours (up to 12 from Deep Archive)';
  return `A ${tier} restore usually takes ${takes}. Until it is done, reading fails as archived; "helium meta s3://…" shows when an object's restored copy is there, and until when.`;
}
