/**
 * `helium doctor [--bucket NAME]… [--json]`: checks the connection the other commands would use
 * (credentials and where they come from, the endpoint, the clock, STS, each bucket's existence,
 * versioning and permissions) with the same rules and wording as the panel's *Check Connection*.
 * Reads only. Exits 1 when a problem was found.
 */
import { runDoctor } from '../service/doctor/check';
import type { DoctorCheck, DoctorReport } from '../service/doctor/rules';
import { checkEndpoint } from './context';
import type { CliContext } from './context';
import { EXIT } from './errors';
import { safeText } from './output';

/** The mark before each finding. */
const MARKS: Record<DoctorCheck['status'], string> = { ok: '✓', warning: '!', problem: '✗', skipped: '-' };

/** Headings of the areas, in the order findings come. */
const AREAS: Record<string, string> = {
  credentials: 'Credentials',
  endpoint: 'Endpoint',
  clock: 'Clock',
  identity: 'Identity (STS)',
  buckets: 'Buckets'
};

/**
 * The report as text for people: one heading per area or bucket, one line per finding, the fix
 * indented under it, and a last line counting problems and warnings.
 * @param report - the report.
 * @returns the lines.
 */
export function doctorText(report: DoctorReport): string[] {
  const lines = [`helium doctor: ${report.endpoint} (${report.connection})`];
  let heading = '';
  for (const check of report.checks) {
    const next = check.bucket ? `Bucket ${check.bucket}` : (AREAS[check.area] ?? check.area);
    if (next !== heading) {
      heading = next;
      lines.push('', safeText(heading));
    }
    lines.push(`  ${MARKS[check.status]} ${safeText(check.detail)}`);
    if (check.fix) {
      lines.push(`    fix: ${safeText(check.fix)}`);
    }
  }
  const { problem, warning, skipped } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push('', `${plural(problem, 'problem')}, ${plural(warning, 'warning')}, ${skipped} not checked.`);
  return lines;
}

/**
 * Run the check and print it.
 * @param ctx - the command's context.
 * @param opts - the buckets to check (default: HELIUM_BUCKETS, else ListBuckets).
 * @param opts.bucket - bucket names.
 */
export async function doctor(ctx: CliContext, opts: { bucket?: string[] }): Promise<void> {
  const fromEnv = (process.env.HELIUM_BUCKETS ?? '')
    .split(',')
    .map(b => b.trim())
    .filter(Boolean);
  const profile = ctx.options.profile ?? process.env.AWS_PROFILE;
  if (ctx.options.profile) {
    process.env.AWS_PROFILE = ctx.options.profile; // the SDK's chain reads it from here (as ctx.s3 does)
  }
  checkEndpoint(ctx.options.endpointUrl);
  const report = await runDoctor({
    endpointUrl: ctx.options.endpointUrl,
    region: ctx.options.region,
    profile,
    buckets: opts.bucket?.length ? opts.bucket : fromEnv,
    ...(opts.bucket?.length ? { bucketsFrom: 'option' as const } : fromEnv.length ? { bucketsFrom: 'env' as const } : {})
  });
  if (ctx.json) {
    await ctx.out.result(report);
  } else {
    for (const line of doctorText(report)) {
      await ctx.out.line(line);
    }
  }
  ctx.exitCode = report.summary.problem > 0 ? EXIT.error : EXIT.ok;
}
