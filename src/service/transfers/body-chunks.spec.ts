/**
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { Readable } from 'stream';
import { bodyChunks } from './body-chunks';

const collect = async (chunks: AsyncIterable<Uint8Array>) => {
  const out: number[] = [];
  for await (const chunk of chunks) {
    out.push(chunk.byteLength);
  }
  return out;
};

describe('bodyChunks', () => {
  it('reads a web ReadableStream chunk by chunk, and cancels it when left early', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(10));
      },
      cancel() {
        cancelled = true;
      }
    });
    let seen = 0;
    for await (const chunk of bodyChunks(stream)) {
      seen += chunk.byteLength;
      if (seen >= 30) {
        break;
      }
    }
    expect(seen).toBe(30);
    expect(cancelled).toBe(true);
  });

  it('reads a Node stream, and destroys it when left early', async () => {
    const whole = Readable.from([new Uint8Array(5), new Uint8Array(6), new Uint8Array(7)]);
    expect(await collect(bodyChunks(whole))).toEqual([5, 6, 7]);
    const endless = new Readable({
      read() {
        this.push(new Uint8Array(4));
      }
    });
    for await (const chunk of bodyChunks(endless)) {
      expect(chunk.byteLength).toBe(4);
      break;
    }
    expect(endless.destroyed).toBe(true);
  });

  it('reads a small body of known length in one piece', async () => {
    const stream = Object.assign(Readable.from([new Uint8Array(5), new Uint8Array(6)]), {
      transformToByteArray: async () => new Uint8Array(11)
    });
    expect(await collect(bodyChunks(stream, 11))).toEqual([11]);
  });

  it('bytes, nothing, or something unreadable', async () => {
    expect(await collect(bodyChunks(new Uint8Array(3)))).toEqual([3]);
    expect(await collect(bodyChunks(undefined))).toEqual([]);
    await expect(collect(bodyChunks({}))).rejects.toThrow(/cannot be read/);
  });
});
