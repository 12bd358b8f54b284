import type { IConnectionInfo } from '../tokens';
import { markingTrans, testTrans as trans } from '../testing/translation';
import { durationLabel, expiryChoices, expiryText, MAX_SHARE_SECONDS, shareProblem } from './share';

const info = (share?: IConnectionInfo['share']): IConnectionInfo => ({
  name: 'local',
  region: 'us-east-1',
  endpoint: 'http://s3',
  buckets: [],
  path_style: true,
  ...(share ? { share } : {})
});

describe('share links', () => {
  it('offers 1 hour, 1 day and 7 days (SigV4 maximum) by default, and an older server the same', () => {
    expect(expiryChoices(info({ enabled: true, max_seconds: MAX_SHARE_SECONDS }), trans).map(c => c.label)).toEqual([
      '1 hour',
      '1 day',
      '7 days'
    ]);
    expect(expiryChoices(info(), trans).map(c => c.seconds)).toEqual([3600, 86400, 604800]);
  });

  it("keeps to a connection's maximum, offering the maximum itself", () => {
    expect(expiryChoices(info({ enabled: true, max_seconds: 7200 }), trans)).toEqual([
      { seconds: 3600, label: '1 hour' },
      { seconds: 7200, label: '2 hours' }
    ]);
    expect(expiryChoices(info({ enabled: true, max_seconds: 600 }), trans)).toEqual([{ seconds: 600, label: '10 minutes' }]);
    expect(durationLabel(90, trans)).toBe('90 seconds');
  });

  it('says why a connection gives no links', () => {
    expect(shareProblem(info({ enabled: false, max_seconds: 60 }), trans)).toMatch(/turned share links off for the connection "local"/);
    expect(shareProblem(undefined, trans)).toMatch(/Pick a connection/);
    expect(shareProblem(info({ enabled: true, max_seconds: 60 }), trans)).toBeNull();
  });

  it('says until when a link works, and that no login is needed', () => {
    const text = expiryText('2026-12-07T12:00:00Z', 86400, trans, 'en-GB');
    expect(text).toMatch(/^Works until 7 Dec 2026/);
    expect(text).toMatch(/\(1 day\).*no Jupyter login/);
  });

  it('says all of it through the translator, durations as plurals', () => {
    expect(expiryChoices(info({ enabled: true, max_seconds: 7200 }), markingTrans).map(c => c.label)).toEqual(['«1 hour»', '«2 hours»']);
    expect(shareProblem(undefined, markingTrans)).toBe('«Pick a connection in the S3 panel first.»');
    expect(expiryText('2026-12-07T12:00:00Z', 60, markingTrans, 'en-GB')).toMatch(/^«Works until 7 Dec 2026.*\(«1 minute»\).*»$/);
  });
});
