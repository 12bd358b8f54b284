import { memorySink } from './sinks';
import { orderedWriter } from './ordered-writer';
import { WriteBehind } from './write-behind';

const bytes = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);
const tick = () => new Promise(resolve => setTimeout(resolve, 0));

describe('orderedWriter', () => {
  it('writes bytes at the position at once and holds later ones until their turn', async () => {
    const sink = memorySink();
    const writer = orderedWriter(sink, 100);
    await writer.writeAt(10, bytes(10, 10));
    expect(sink.chunks.length).toBe(0);
    expect(writer.buffered).toBe(10);
    await writer.writeAt(0, bytes(0, 10));
    expect(sink.bytes()).toEqual(bytes(0, 20));
    expect(writer.buffered).toBe(0);
  });

  it('a writer ahead waits while the buffer is full; the one at the position never does', async () => {
    const sink = memorySink();
    const writer = orderedWriter(sink, 20);
    await writer.writeAt(10, bytes(10, 10));
    await writer.writeAt(20, bytes(20, 10));
    let thirdDone = false;
    const third = writer.writeAt(30, bytes(30, 10)).then(() => (thirdDone = true));
    await tick();
    expect(thirdDone).toBe(false); // 20 held: no room
    await writer.writeAt(0, bytes(0, 10)); // at the position: written, and the held bytes after it
    await third; // woken at its turn: written, not held
    expect(writer.buffered).toBe(0);
    await writer.writeAt(40, bytes(40, 5));
    expect(sink.bytes()).toEqual(bytes(0, 45));
  });

  it('an abort wakes a writer waiting for room', async () => {
    const controller = new AbortController();
    const writer = orderedWriter(memorySink(), 10, controller.signal);
    await writer.writeAt(10, bytes(10, 10));
    const waiting = writer.writeAt(20, bytes(20, 10));
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});

describe('WriteBehind', () => {
  it('writes once a quarter batch is in, then gathers the next chunks while that write runs', async () => {
    const writes: [number, number][] = [];
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const behind = new WriteBehind(async (offset, data) => {
      writes.push([offset, data.byteLength]);
      await gate;
    }, 40);
    await behind.push(0, bytes(0, 5));
    expect(writes).toEqual([]); // less than a quarter batch: held
    await behind.push(5, bytes(5, 5));
    await behind.push(10, bytes(10, 10));
    await behind.push(20, bytes(20, 10));
    expect(writes).toEqual([[0, 10]]);
    release();
    await behind.flush();
    expect(writes).toEqual([
      [0, 10],
      [10, 20]
    ]);
  });

  it('a small object is written once, at the flush', async () => {
    const writes: [number, number][] = [];
    const behind = new WriteBehind(async (offset, data) => void writes.push([offset, data.byteLength]), 1000);
    await behind.push(0, bytes(0, 100));
    await behind.push(100, bytes(100, 50));
    await behind.flush();
    expect(writes).toEqual([[0, 150]]);
  });

  it('waits for the write in flight once a batch is full (bounded memory)', async () => {
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const behind = new WriteBehind(() => gate, 15);
    await behind.push(0, bytes(0, 10)); // ≥ a quarter batch: its write starts (and hangs)
    await behind.push(10, bytes(10, 10));
    let pushed = false;
    const full = behind.push(20, bytes(20, 10)).then(() => (pushed = true));
    await tick();
    expect(pushed).toBe(false);
    release();
    await full;
    await behind.flush();
  });

  it('reports a failed write at the next push or flush', async () => {
    const behind = new WriteBehind(async () => {
      throw new Error('disk full');
    }, 100);
    await behind.push(0, bytes(0, 10));
    await expect(behind.flush()).rejects.toThrow('disk full');
  });
});
