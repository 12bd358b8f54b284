import { SegmentPlan, splitPoint, StreamTuner } from './download-plan';

const MiB = 1024 * 1024;
const part = 8 * MiB;

describe('splitPoint', () => {
  it('splits the rest in two on a part boundary', () => {
    expect(splitPoint({ pos: 0, end: 100 * MiB }, part, Infinity)).toBe(56 * MiB);
    expect(splitPoint({ pos: 3 * MiB, end: 35 * MiB }, part, Infinity)).toBe(24 * MiB);
  });

  it('refuses a segment too small to leave a part on each side', () => {
    expect(splitPoint({ pos: 0, end: 16 * MiB - 1 }, part, Infinity)).toBeUndefined();
    expect(splitPoint({ pos: 1 * MiB, end: 20 * MiB }, part, Infinity)).toBeUndefined(); // 16 MiB would leave 4
    expect(splitPoint({ pos: 0, end: 16 * MiB }, part, Infinity)).toBe(8 * MiB);
  });

  it('stays within maxAhead of the position for in-order sinks', () => {
    expect(splitPoint({ pos: 0, end: 1024 * MiB }, part, 16 * MiB)).toBe(16 * MiB);
    expect(splitPoint({ pos: 5 * MiB, end: 1024 * MiB }, part, 16 * MiB)).toBe(24 * MiB);
  });
});

describe('SegmentPlan', () => {
  it('covers every byte exactly once as it splits', () => {
    const plan = new SegmentPlan(100 * MiB + 7, part, Infinity);
    const first = plan.first();
    first.pos = 10 * MiB;
    const second = plan.split();
    const third = plan.split();
    expect(plan.streams).toBe(3);
    const pieces = [first, second, third].map(s => [s?.pos, s?.end]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(pieces[0]).toEqual([10 * MiB, pieces[1][0]]);
    expect(pieces[1][1]).toBe(pieces[2][0]);
    expect(pieces[2][1]).toBe(100 * MiB + 7);
  });

  it('a probe takes only about one part at the end of a file', () => {
    const plan = new SegmentPlan(1024 * MiB, part, Infinity);
    const first = plan.first();
    expect(plan.split(part)).toEqual({ pos: 1016 * MiB, end: 1024 * MiB });
    expect(first.end).toBe(1016 * MiB);
  });

  it('a probe for an in-order sink starts near the position instead', () => {
    const plan = new SegmentPlan(1024 * MiB, part, 16 * MiB);
    plan.first();
    expect(plan.split(part)).toEqual({ pos: 16 * MiB, end: 1024 * MiB });
  });

  it('nothing to split once every segment is small; done segments leave the plan', () => {
    const plan = new SegmentPlan(24 * MiB, part, Infinity);
    const first = plan.first();
    const second = plan.split();
    expect(second).toEqual({ pos: 16 * MiB, end: 24 * MiB });
    first.pos = 5 * MiB;
    expect(plan.split()).toBeUndefined();
    plan.done(first);
    expect(plan.streams).toBe(1);
  });
});

describe('StreamTuner', () => {
  const GiB = 1024 * MiB;

  /** Feed `rate` bytes/ms for `ms` milliseconds in 10 ms steps; return the first `add`'s time. */
  function feed(tuner: StreamTuner, from: number, ms: number, rate: number, remaining: () => number): number | undefined {
    for (let t = from + 10; t <= from + ms; t += 10) {
      if (tuner.observe(t, rate * 10, remaining()) === 'add') {
        return t;
      }
    }
    return undefined;
  }

  it('tries a second stream after the first window, and more while each one helps', () => {
    const tuner = new StreamTuner({ maxStreams: 4 });
    tuner.start(0, 20);
    const t1 = feed(tuner, 0, 1000, 50_000, () => 10 * GiB);
    expect(t1).toBe(400); // minWindowMs
    tuner.added(t1 as number);
    tuner.firstByte((t1 as number) + 20);
    const t2 = feed(tuner, t1 as number, 1000, 100_000, () => 10 * GiB); // twice the rate
    expect(t2).toBeDefined();
    expect(tuner.parallel).toBe(true);
    tuner.added(t2 as number);
    tuner.firstByte((t2 as number) + 20);
    const t3 = feed(tuner, t2 as number, 1000, 150_000, () => 10 * GiB);
    tuner.added(t3 as number);
    tuner.firstByte((t3 as number) + 20);
    expect(feed(tuner, t3 as number, 2000, 200_000, () => 10 * GiB)).toBeUndefined(); // 4 = the most
    expect(tuner.settled).toBe(true);
    expect(tuner.parallel).toBe(true);
  });

  it('settles on one stream when the second does not raise the rate', () => {
    const tuner = new StreamTuner({ maxStreams: 4 });
    tuner.start(0, 20);
    const t1 = feed(tuner, 0, 1000, 50_000, () => 10 * GiB) as number;
    tuner.added(t1);
    tuner.firstByte(t1 + 50);
    expect(feed(tuner, t1, 5000, 52_000, () => 10 * GiB)).toBeUndefined(); // +4%: not worth it
    expect(tuner.settled).toBe(true);
    expect(tuner.parallel).toBe(false);
  });

  it('never probes when the rest would take less than costFactor request latencies (moto)', () => {
    // Each GET takes 700 ms to answer; 1 GiB at 300 MB/s is done in ~3.5 s < 10 × 0.7 s.
    const tuner = new StreamTuner({ maxStreams: 4 });
    tuner.start(0, 700);
    let received = 0;
    for (let t = 10; t <= 4000; t += 10) {
      received += 3_000_000;
      expect(tuner.observe(t, 3_000_000, Math.max(0, GiB - received))).toBe('wait');
    }
    expect(tuner.parallel).toBe(false);
  });

  it('does probe the same object on a server that answers fast', () => {
    const tuner = new StreamTuner({ maxStreams: 4 });
    tuner.start(0, 30);
    let received = 0;
    let advice = 'wait';
    for (let t = 10; t <= 1000 && advice === 'wait'; t += 10) {
      received += 800_000; // 80 MB/s, one S3 connection
      advice = tuner.observe(t, 800_000, GiB - received);
    }
    expect(advice).toBe('add');
  });

  it('judges a new stream only after a few times its time to first byte', () => {
    const tuner = new StreamTuner({ maxStreams: 4 });
    tuner.start(0, 10);
    const t1 = feed(tuner, 0, 1000, 50_000, () => 10 * GiB) as number;
    tuner.added(t1);
    // No first byte yet: no judgement, however long it takes.
    expect(feed(tuner, t1, 3000, 50_000, () => 10 * GiB)).toBeUndefined();
    expect(tuner.settled).toBe(false);
    tuner.firstByte(t1 + 3000);
    // The window is now 5 × 3 s from the add.
    expect(feed(tuner, t1 + 3000, 11_000, 120_000, () => 10 * GiB)).toBeUndefined();
    expect(tuner.settled).toBe(false);
  });

  it('one stream only with a concurrency of 1', () => {
    const tuner = new StreamTuner({ maxStreams: 1 });
    tuner.start(0, 1);
    expect(feed(tuner, 0, 2000, 50_000, () => 10 * GiB)).toBeUndefined();
    expect(tuner.settled).toBe(true);
  });
});
