/**
 * The words `helium restore FOLDER --snapshot` prints for a plan (cmd-restore-folder.ts):
 * the counts, a few example keys of each kind, and the objects left as they are.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import type { RestoreAction, RestorePlan } from '../service/snapshots/restore';
import { planLines } from './cmd-restore-folder';

const HASH = 'ab12cd34ef56'.padEnd(64, '0');

/**
 * A copy action.
 * @param logicalKey - its key in the folder.
 * @param reason - why.
 * @returns the action.
 */
function copy(logicalKey: string, reason: 'modified' | 'metadata-changed' | 'deleted'): RestoreAction {
  return {
    kind: 'copy',
    logicalKey,
    reason,
    target: { bucket: 'b', key: `f/${logicalKey}` },
    source: { bucket: 'b', key: `f/${logicalKey}`, versionId: 'v1' },
    sourcePinned: true,
    hash: { type: 'sha2-256-chunked', value: '00' },
    size: 1024,
    liveVersionId: 'v2'
  };
}

/**
 * A delete action.
 * @param logicalKey - its key in the folder.
 * @returns the action.
 */
function del(logicalKey: string): RestoreAction {
  return { kind: 'delete', logicalKey, reason: 'added', target: { bucket: 'b', key: `f/${logicalKey}` }, size: 3, liveVersionId: 'v9' };
}

/**
 * A plan with only what {@link planLines} reads.
 * @param actions - the actions.
 * @param leftOut - objects left as they are.
 * @returns the plan.
 */
function plan(actions: RestoreAction[], leftOut: RestorePlan['leftOut'] = []): RestorePlan {
  const copyBytes = actions.reduce((sum, a) => sum + (a.kind === 'copy' ? a.size : 0), 0);
  return { bucket: 'b', folder: 'f/', topHash: HASH, diff: { changes: [] } as unknown as RestorePlan['diff'], actions, copyBytes, leftOut };
}

describe('planLines', () => {
  it('counts copies by reason and deletes, and shows three keys of each kind', () => {
    const lines = planLines(
      plan([
        copy('a.txt', 'modified'),
        copy('b.txt', 'metadata-changed'),
        copy('c.txt', 'deleted'),
        copy('d.txt', 'modified'),
        del('x.txt'),
        del('y.txt'),
        del('z.txt'),
        del('zz.txt')
      ]),
      's3://b/f/',
      'tag "q3" of f/snapshot'
    );
    expect(lines[0]).toBe('Restore s3://b/f/ to snapshot ab12cd34ef56 (tag "q3" of f/snapshot):');
    expect(lines[1]).toBe('  4 files copied back from the snapshot (4.00 KiB; new versions) — 3 changed since, 1 deleted since');
    expect(lines[2]).toBe('  4 files deleted (added since the snapshot; delete markers, their history is kept)');
    expect(lines.slice(3)).toEqual([
      '  e.g. copy back  a.txt (modified since, 1.00 KiB)',
      '       copy back  b.txt (metadata changed since, 1.00 KiB)',
      '       copy back  c.txt (deleted since, 1.00 KiB)',
      '       delete     x.txt (added since; a delete marker)',
      '       delete     y.txt (added since; a delete marker)',
      '       delete     z.txt (added since; a delete marker)',
      '       … and 2 more (--json lists them all)'
    ]);
  });

  it('escapes control characters in keys and names what is left as it is', () => {
    const lines = planLines(
      plan([del('evil\u001b[2Jname')], [{ key: 'f/../up.txt', size: 1, reason: 'its name has a ".." segment' }]),
      's3://b/f/',
      ''
    );
    expect(lines[0]).toBe('Restore s3://b/f/ to snapshot ab12cd34ef56:');
    expect(lines[1]).toBe('  0 files copied back from the snapshot (0 B; new versions)');
    expect(lines[2]).toBe('  1 file deleted (added since the snapshot; a delete marker, its history is kept)');
    expect(lines[3]).toBe('  e.g. delete     evil\\x1b[2Jname (added since; a delete marker)');
    expect(lines[4]).toBe('  left as they are: 1 object no snapshot can hold: "f/../up.txt" (its name has a ".." segment)');
  });
});
