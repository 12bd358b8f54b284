/**
 * How a download is cut between its streams, and when to add one: pure logic (no I/O, no clock
 * of its own), so the decisions can be tested as plain functions.
 *
 * A download starts with ONE stream reading the whole object. More streams are added only while
 * they raise the measured throughput: on S3 itself each connection is capped well below the
 * link, so a few ranged streams multiply the rate; on servers where every ranged GET costs time
 * in proportion to the whole object (moto, some gateways), one stream is the fastest, and the
 * tuner stops after one probe.
 */

/** The bytes one stream still has to read: [pos, end). `end` may shrink when work is split off. */
export interface Segment {
  pos: number;
  end: number;
}

/**
 * Round up to a multiple of `step`.
 * @param n - a number ≥ 0.
 * @param step - the multiple.
 * @returns the smallest multiple of `step` ≥ n.
 */
function alignUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/**
 * Where to split a segment for a new stream, or undefined when it is too small to share.
 * The new stream takes [split, end); the old one keeps [pos, split). The split point is on a
 * part boundary, leaves each side at least `minPiece` bytes, and is at most `maxAhead` bytes
 * past `pos` (for sinks that must receive bytes in order, whatever is read ahead is held in
 * memory until the older stream catches up, so it must stay near).
 * @param segment - the segment to split.
 * @param minPiece - the fewest bytes either side may get (a part).
 * @param maxAhead - the farthest the split may be from `pos` (Infinity for random-access sinks).
 * @returns the split point, or undefined.
 */
export function splitPoint(segment: Segment, minPiece: number, maxAhead: number): number | undefined {
  const remaining = segment.end - segment.pos;
  if (remaining < 2 * minPiece) {
    return undefined;
  }
  const split = alignUp(segment.pos + Math.min(remaining / 2, maxAhead), minPiece);
  if (split - segment.pos < minPiece || segment.end - split < minPiece) {
    return undefined;
  }
  return split;
}

/**
 * The streams' segments of one download. Every byte of [0, size) belongs to exactly one
 * segment, or was already read.
 */
export class SegmentPlan {
  private readonly _active = new Set<Segment>();

  /**
   * @param size - the object's size.
   * @param minPiece - the smallest piece a stream is given (a part).
   * @param maxAhead - see {@link splitPoint}.
   */
  constructor(
    readonly size: number,
    readonly minPiece: number,
    readonly maxAhead: number
  ) {}

  /**
   * The first stream's segment: the whole object.
   * @returns [0, size).
   */
  first(): Segment {
    const segment = { pos: 0, end: this.size };
    this._active.add(segment);
    return segment;
  }

  /** How many segments are being read. */
  get streams(): number {
    return this._active.size;
  }

  /**
   * Split the segment with the most bytes left (shrinking its `end`) and return the new part:
   * its second half, or, with `maxPiece` (a probe), only its last `maxPiece` bytes or so, on a
   * part boundary. For in-order sinks (`maxAhead` finite) the new part always starts near the
   * old one's position, whatever `maxPiece` says (bytes far ahead would wait in memory).
   * @param maxPiece - the most bytes to take (default: half).
   * @returns the new segment, or undefined when none is big enough to share.
   */
  split(maxPiece = Infinity): Segment | undefined {
    let largest: Segment | undefined;
    for (const segment of this._active) {
      if (!largest || segment.end - segment.pos > largest.end - largest.pos) {
        largest = segment;
      }
    }
    const at = largest && splitPoint(largest, this.minPiece, this.maxAhead);
    if (!largest || at === undefined) {
      return undefined;
    }
    const start = Number.isFinite(this.maxAhead) ? at : Math.max(at, alignUp(largest.end - maxPiece, this.minPiece));
    const segment = { pos: start, end: largest.end };
    largest.end = start;
    this._active.add(segment);
    return segment;
  }

  /**
   * A stream read its whole segment.
   * @param segment - the segment.
   */
  done(segment: Segment): void {
    this._active.delete(segment);
  }
}

/** What {@link StreamTuner.observe} advises. */
export type TunerAdvice = 'add' | 'wait';

/** Options of {@link StreamTuner}. */
export interface TunerOptions {
  /** The most streams (the transfer's concurrency). */
  maxStreams: number;
  /** The shortest measurement (ms) of one stream count (default 400). */
  minWindowMs?: number;
  /** A measurement also lasts this many times the new stream's time to first byte (default 5). */
  latencyFactor?: number;
  /** The relative gain a new stream must bring to be followed by another (default 0.15). */
  minGain?: number;
  /**
   * A stream is added only when the rest would take at least this many times the time a
   * request takes to answer (default 10): a new stream costs at least one such wait, and on
   * servers that prepare the whole object for every GET (moto), that wait is long.
   */
  costFactor?: number;
}

/**
 * Decides when to add a stream, from the bytes received over time: measure the rate with the
 * current streams over a window; the first window (one stream) sets the baseline and a second
 * stream is tried; after that a stream is added only when the last one raised the rate by at
 * least `minGain`. Once adding did not help, or the most streams are reached, it settles:
 * `parallel` then says whether streams that finish should take over part of another's work.
 *
 * The window of a new stream count starts when that stream was started (its request's cost is
 * part of what it brings) and lasts at least `latencyFactor` times its time to first byte, so a
 * server that is slow to answer each request is judged on what the stream brings once started.
 */
export class StreamTuner {
  private readonly _max: number;
  private readonly _minWindow: number;
  private readonly _latencyFactor: number;
  private readonly _minGain: number;
  private _streams = 1;
  private _windowStart: number | undefined;
  private _windowBytes = 0;
  private _firstByteAt: number | undefined;
  private _previousRate: number | undefined;
  private readonly _costFactor: number;
  private _requestLatency = 0;
  private _settled = false;
  private _parallel = false;

  /** @param options - limits and thresholds. */
  constructor(options: TunerOptions) {
    this._max = options.maxStreams;
    this._minWindow = options.minWindowMs ?? 400;
    this._latencyFactor = options.latencyFactor ?? 5;
    this._minGain = options.minGain ?? 0.15;
    this._costFactor = options.costFactor ?? 10;
    this._settled = this._max <= 1;
  }

  /** Whether finished streams should split others' work (more streams proved faster). */
  get parallel(): boolean {
    return this._parallel;
  }

  /** Whether no more streams will be tried. */
  get settled(): boolean {
    return this._settled;
  }

  /**
   * The first stream's first bytes arrived: its measurement starts now (its request latency is
   * not counted in its rate: there is nothing to compare it with).
   * @param now - the time (ms).
   * @param latency - how long its request took to answer (ms): what one more request costs.
   */
  start(now: number, latency: number): void {
    this._windowStart = now;
    this._windowBytes = 0;
    // The first window lasts as long as a new stream's would (at least `latencyFactor` times
    // the request's latency): a slow server is measured over a long stretch, not a burst.
    this._firstByteAt = now + latency;
    this._requestLatency = latency;
  }

  /**
   * A stream was added (the advice was followed): measure from now.
   * @param now - the time (ms).
   */
  added(now: number): void {
    this._streams++;
    this._windowStart = now;
    this._windowBytes = 0;
    this._firstByteAt = undefined;
  }

  /**
   * The stream added last received its first bytes.
   * @param now - the time (ms).
   */
  firstByte(now: number): void {
    if (this._firstByteAt === undefined && this._windowStart !== undefined) {
      this._firstByteAt = now;
      this._requestLatency = Math.max(this._requestLatency, now - this._windowStart);
    }
  }

  /**
   * Nothing could be split off (too little left): stop trying.
   */
  cannotAdd(): void {
    this._settled = true;
  }

  /**
   * Bytes arrived; should another stream start?
   * @param now - the time (ms).
   * @param bytes - bytes received since the last call.
   * @param remaining - bytes not yet received.
   * @returns `add` to start a stream now, else `wait`.
   */
  observe(now: number, bytes: number, remaining: number): TunerAdvice {
    if (this._settled || this._windowStart === undefined) {
      return 'wait';
    }
    this._windowBytes += bytes;
    if (this._firstByteAt === undefined) {
      return 'wait';
    }
    const elapsed = now - this._windowStart;
    const latency = this._firstByteAt - this._windowStart;
    if (elapsed < Math.max(this._minWindow, this._latencyFactor * latency)) {
      return 'wait';
    }
    const rate = this._windowBytes / elapsed;
    return this._judge(rate, remaining);
  }

  /**
   * The rate of the window just measured: add a stream or settle.
   * @param rate - bytes per ms with the current streams.
   * @param remaining - bytes not yet received.
   * @returns the advice.
   */
  private _judge(rate: number, remaining: number): TunerAdvice {
    if (this._previousRate !== undefined) {
      if (rate < this._previousRate * (1 + this._minGain)) {
        this._settled = true;
        return 'wait';
      }
      this._parallel = true;
    }
    this._previousRate = rate;
    // Too little left for a new stream to win back what its request costs.
    if (this._streams >= this._max || remaining / rate < this._costFactor * this._requestLatency) {
      this._settled = true;
      return 'wait';
    }
    return 'add';
  }
}
