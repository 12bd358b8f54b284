import type { IConnectionInfo } from '../tokens';
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
    expect(expiryChoices(info({ enabled: true, max_seconds: MAX_SHARE_SECONDS })).map(c => c.label)).toEqual(['1 hour', '1 day', '7 days']);
    expect(expiryChoices(info()).map(c => c.seconds)).toEqual([3600, 86400, 604800]);
  });

  it("keeps to a connection's maximum, offering the maximum itself", () => {
    expect(expiryChoices(info({ enabled: true, max_seconds: 7200 }))).toEqual([
      { seconds: 3600, label: '1 hour' },
      { seconds: 7200, label: '2 hours' }
    ]);
    expect(expiryChoices(info({ enabled: true, max_seconds: 600 }))).toEqual([{ seconds: 600, label: '10 minutes' }]);
    expect(durationLabel(90)).toBe('90 seconds');
  });

  it('says why a connection gives no links', () => {
    expect(shareProblem(info({ enabled: false, max_seconds: 60 }))).toMatch(/turned share links off for the connection "local"/);
    expect(shareProblem(undefined)).toMatch(/Pick a connection/);
    expect(shareProblem(info({ enabled: true, max_seconds: 60 }))).toBeNull();
  });

  it('says until when a link works, and that no login is needed', () => {
    const text = expiryText('2026-12-07T12:00:00Z', 86400, 'en-GB');
    expect(text).toMatch(/^Works until 7 Dec 2026/);
    expect(text).toMatch(/\(1 day\).*no Jupyter login/);
  });
});
