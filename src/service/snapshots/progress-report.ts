/**
 * Reading the progress reports of the snapshot engine (`snapshot()`, `liveEntries()`,
 * `restoreFolder()`) leniently, for the words the CLI and the panel show: a field a report does
 * not send is simply absent.
 */

/**
 * A number from a progress report, if it has one.
 * @param report - the report.
 * @param names - field names to try, in order.
 * @returns the first finite number among them, or undefined.
 */
export function reportNumber(report: Record<string, unknown>, ...names: string[]): number | undefined {
  for (const name of names) {
    const value = report[name];
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
  }
  return undefined;
}
