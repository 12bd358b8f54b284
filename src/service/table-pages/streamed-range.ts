/**
 * One read ahead of a ranged file (see `RangedFile.readAhead`): a ranged GET whose body is taken
 * in as it streams, so that a slice inside it is served as soon as its bytes have arrived, and
 * that can be cut short once the reader knows it needs less: the rest is then not transferred
 * (on S3 a read ahead is a bet on bytes, so an over-long bet costs transfer time; cutting it when
 * the bet is settled makes a generous bet cost little).
 */

/** What a {@link StreamedRange} is told when it ends. */
export interface StreamedRangeEvents {
  /** It read `received` bytes from its start (all of them, or all up to where it was cut). */
  done(received: number): void;
  /** It failed or was stopped: whoever needs its bytes reads them another way. */
  failed(): void;
}

export class StreamedRange {
  /**
   * Start reading.
   * @param start - the first byte in the file.
   * @param end - one past the last.
   * @param open - sends the GET of `start..end` (stopped by the signal given) and returns its body.
   * @param events - told when the read ends.
   */
  constructor(
    readonly start: number,
    end: number,
    open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>,
    private readonly events: StreamedRangeEvents
  ) {
    this._end = end;
    this._bytes = new Uint8Array(end - start);
    void this._pump(open);
  }

  /** One past the last byte it holds or will hold (less than asked once cut). */
  get end(): number {
    return this._end;
  }

  /**
   * Bytes `from..to` of the file, once they have arrived.
   * @param from - the first byte (inside the range).
   * @param to - one past the last (at most {@link end}).
   * @returns a view of them (copy it to keep it), or undefined when the read failed or was
   *   stopped before they arrived.
   */
  async bytes(from: number, to: number): Promise<Uint8Array | undefined> {
    const need = to - this.start;
    while (this._received < need && this._state === 'reading') {
      await this._progress;
    }
    return this._received >= need ? this._bytes.subarray(from - this.start, need) : undefined;
  }

  /**
   * Read only up to `end` (it never grows): once that much has arrived the GET is stopped.
   * @param end - one past the last byte still wanted.
   */
  cut(end: number): void {
    this._end = Math.max(this.start, Math.min(this._end, end));
    if (this._received >= this._end - this.start) {
      void this._reader?.cancel().catch(() => undefined); // wakes the pump, which then ends
    }
  }

  /** Stop the read (a no-op once it has ended); waiting slices get undefined. */
  stop(): void {
    this._controller.abort();
    void this._reader?.cancel().catch(() => undefined);
  }

  private async _pump(open: (signal: AbortSignal) => Promise<ReadableStream<Uint8Array>>): Promise<void> {
    try {
      const stream = await open(this._controller.signal);
      const reader = (this._reader = stream.getReader());
      while (this._received < this._end - this.start && !this._controller.signal.aborted) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        const take = Math.min(value.length, this._end - this.start - this._received);
        this._bytes.set(value.subarray(0, take), this._received);
        this._received += take;
        this._wake();
      }
      if (this._received < this._end - this.start || this._controller.signal.aborted) {
        throw new Error('The read ahead ended early.');
      }
      if (this._received < this._bytes.length) {
        void reader.cancel().catch(() => undefined); // cut short: the rest is not wanted
      }
      this._state = 'done';
      this.events.done(this._received);
    } catch {
      this._state = 'failed';
      this.events.failed();
    } finally {
      this._wake();
    }
  }

  /** Wake the slices waiting for bytes (they check whether theirs have come). */
  private _wake(): void {
    const wake = this._resolve;
    this._progress = new Promise<void>(resolve => (this._resolve = resolve));
    wake();
  }

  private _end: number;
  private readonly _bytes: Uint8Array;
  private _received = 0;
  private _state: 'reading' | 'done' | 'failed' = 'reading';
  private readonly _controller = new AbortController();
  private _reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  private _resolve: () => void = () => undefined;
  private _progress: Promise<void> = new Promise<void>(resolve => (this._resolve = resolve));
}
