/**
 * `helium diff` of two JSON documents, for a terminal: one line per path that was added, removed
 * or changed (as the diff tab's JSON view lists them), which a line diff cannot give for JSON
 * written on one line or with its keys in another order.
 */
import { diffJsonValues, parseJsonSide } from '../service/diff/json';
import { formatJsonPath, previewJsonValue } from '../service/diff/json-format';
import type { IJsonChange } from '../service/diff/json';

/**
 * A change as `+path: value`, `-path: value` or `~path: old → new`.
 * @param change - the change.
 * @returns the line.
 */
export function jsonChangeLine(change: IJsonChange): string {
  // As the diff tab writes them: `$.storms[3].wind`, values cut past 500 characters, big integers whole.
  const path = formatJsonPath(change.path);
  const value = (v: unknown) => previewJsonValue(v, 500);
  if (change.kind === 'added') {
    return `+${path}: ${value(change.right)}`;
  }
  if (change.kind === 'removed') {
    return `-${path}: ${value(change.left)}`;
  }
  return `~${path}: ${value(change.left)} → ${value(change.right)}`;
}

/**
 * The diff of two JSON documents as text.
 * @param left - the older document's text.
 * @param right - the newer document's text.
 * @param names - the two sides' names (`---` and `+++` lines).
 * @returns the text (ending in a newline).
 * @throws HeliumError `InvalidInput` when a side is not JSON.
 */
export function jsonDiffText(left: string, right: string, names: [string, string]): string {
  const diff = diffJsonValues(parseJsonSide(left, names[0]), parseJsonSide(right, names[1]));
  const { added, removed, changed } = diff.counts;
  const lines = [`--- ${names[0]}`, `+++ ${names[1]}`, `paths: ${changed} changed, ${added} added, ${removed} removed`];
  lines.push(...diff.changes.map(jsonChangeLine));
  if (diff.truncated) {
    lines.push(`… ${(added + removed + changed - diff.changes.length).toLocaleString('en-US')} more changes`);
  }
  if (added + removed + changed === 0) {
    lines.push('The same JSON value (only its formatting or key order differs).');
  }
  return `${lines.join('\n')}\n`;
}
