/**
 * Unit tests of the version stamps file (version-stamps.ts): which versions are stamped, and
 * that what is written reads back.
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { parseStamps, STAMP_SETTLE_MS, stampsText } from './version-stamps';

const startedAt = Date.parse('2026-12-07T03:00:00Z');
const at = (msBeforeStart: number): Date => new Date(startedAt - msBeforeStart);

describe('stampsText', () => {
  it('stamps settled versions only: not "null", not without an ETag, not written within the settle time of the start', () => {
    const text = stampsText(
      [
        { key: 'old.csv', versionId: 'v1', etag: 'e1', lastModified: at(60_000) },
        { key: 'edge.csv', versionId: 'v2', etag: 'e2', lastModified: at(STAMP_SETTLE_MS) },
        { key: 'recent.csv', versionId: 'v3', etag: 'e3', lastModified: at(STAMP_SETTLE_MS - 1000) },
        { key: 'during.csv', versionId: 'v4', etag: 'e4', lastModified: at(-2000) },
        { key: 'null.csv', versionId: 'null', etag: 'e5', lastModified: at(60_000) },
        { key: 'no-etag.csv', versionId: 'v6', lastModified: at(60_000) }
      ],
      startedAt
    );
    const stamps = parseStamps(text)!;
    expect([...stamps.keys()]).toEqual(['old.csv', 'edge.csv']);
    expect(stamps.get('old.csv')).toEqual({ versionId: 'v1', etag: 'e1', lastModified: startedAt - 60_000 });
  });

  it('keeps any key on one line, and a file that is not stamps is not trusted', () => {
    const key = 'a\nb\r"c"\u0001😀';
    const stamps = parseStamps(stampsText([{ key, versionId: 'v', etag: 'e', lastModified: at(60_000) }], startedAt))!;
    expect([...stamps.keys()]).toEqual([key]);
    expect(parseStamps('{"something": 1}\n')).toBeUndefined();
    expect(parseStamps('{"helium_stamps": 1}\n["k", "v", "e"]\n')).toBeUndefined();
  });
});
