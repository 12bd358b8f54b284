import { statusState } from './search-status';
import { STALE_AFTER_MS } from './search-state';

describe("statusState: the status line's state from the worker's answer", () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  const status = { syncedAt: '2026-12-07T11:00:00.000Z', objects: 3, snapshots: 1, persisted: true };

  it('is never for an index never synced, saying when it was emptied for an older format', () => {
    expect(statusState({ ...status, syncedAt: null }, false, now)).toEqual({ kind: 'never' });
    expect(statusState({ ...status, syncedAt: null, rebuildFrom: '2' }, false, now)).toEqual({ kind: 'never', oldFormat: '2' });
  });

  it('is ready with its age, stale when the bucket changed or the sync is a day old', () => {
    expect(statusState(status, false, now)).toEqual({
      kind: 'ready',
      syncedAt: new Date(status.syncedAt),
      objects: 3,
      snapshots: 1,
      stale: false
    });
    expect(statusState(status, true, now)).toMatchObject({ stale: true });
    expect(statusState(status, false, Date.parse(status.syncedAt) + STALE_AFTER_MS + 1)).toMatchObject({ stale: true });
  });

  it('says current objects only when the index records it', () => {
    expect(statusState({ ...status, currentOnly: true }, false, now)).toMatchObject({ kind: 'ready', currentOnly: true });
  });
});
