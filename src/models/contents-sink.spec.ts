import { contentsSink, PARTIAL_SUFFIX, renameOver, SinkContents } from './contents-sink';

/** A workspace that records each save (its chunk number and decoded bytes) and can be held or failed. */
function recordingContents() {
  const saves: { path: string; chunk: number | undefined; bytes: number[] }[] = [];
  const deleted: string[] = [];
  const renamed: [string, string][] = [];
  let running = 0;
  let mostAtOnce = 0;
  let failNext: Error | null = null;
  let gate: Promise<void> = Promise.resolve();
  const contents = {
    async save(path: string, options: { content?: string; chunk?: number }) {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await gate;
      running--;
      if (failNext) {
        const err = failNext;
        failNext = null;
        throw err;
      }
      saves.push({ path, chunk: options.chunk, bytes: Array.from(Buffer.from(options.content ?? '', 'base64')) });
      return {};
    },
    async delete(path: string) {
      deleted.push(path);
    },
    async rename(from: string, to: string) {
      renamed.push([from, to]);
      return {};
    }
  };
  return {
    contents: contents as unknown as SinkContents,
    saves,
    deleted,
    renamed,
    mostAtOnce: () => mostAtOnce,
    failNextSave: (err: Error) => (failNext = err),
    hold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>(resolve => (release = resolve));
      return () => release();
    }
  };
}

const bytes = (from: number, count: number) => Uint8Array.from({ length: count }, (_, i) => (from + i) % 256);

describe('contentsSink: a download written by chunked saves', () => {
  it('gathers small writes into chunks of the chunk size, numbered 1, 2, … and -1 for the last', async () => {
    const ws = recordingContents();
    const sink = contentsSink(ws.contents, 'dir/f.bin', { chunkBytes: 10 });
    for (let at = 0; at < 33; at += 3) {
      await sink.write(bytes(at, 3));
    }
    await sink.close();
    expect(ws.saves.map(s => [s.chunk, s.bytes.length])).toEqual([
      [1, 12],
      [2, 12],
      [-1, 9]
    ]);
    expect(ws.saves.every(s => s.path === `dir/f.bin${PARTIAL_SUFFIX}`)).toBe(true);
    expect(ws.saves.flatMap(s => s.bytes)).toEqual(Array.from(bytes(0, 33)));
    expect(ws.renamed).toEqual([[`dir/f.bin${PARTIAL_SUFFIX}`, 'dir/f.bin']]);
  });

  it('saves a file smaller than a chunk in one plain save, and an exact multiple ends with a full chunk -1', async () => {
    const small = recordingContents();
    const one = contentsSink(small.contents, 'a', { chunkBytes: 10 });
    await one.write(bytes(0, 4));
    await one.close();
    expect(small.saves.map(s => [s.chunk, s.bytes.length])).toEqual([[undefined, 4]]);

    const exact = recordingContents();
    const two = contentsSink(exact.contents, 'b', { chunkBytes: 10 });
    await two.write(bytes(0, 10));
    await two.write(bytes(10, 10));
    await two.close();
    expect(exact.saves.map(s => [s.chunk, s.bytes.length])).toEqual([
      [1, 10],
      [-1, 10]
    ]);
    expect(exact.saves.flatMap(s => s.bytes)).toEqual(Array.from(bytes(0, 20)));
  });

  it('lets the next chunk arrive while a save runs, with never two saves at once', async () => {
    const ws = recordingContents();
    const release = ws.hold();
    const sink = contentsSink(ws.contents, 'f', { chunkBytes: 4 });
    await sink.write(bytes(0, 4));
    await sink.write(bytes(4, 4)); // chunk 1 is being saved; this write does not wait for it
    const third = sink.write(bytes(8, 4)); // waits: chunk 1's save is still running
    let thirdDone = false;
    void third.then(() => (thirdDone = true));
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(thirdDone).toBe(false);
    release();
    await third;
    await sink.close();
    expect(ws.mostAtOnce()).toBe(1);
    expect(ws.saves.map(s => s.chunk)).toEqual([1, 2, -1]);
    expect(ws.saves.flatMap(s => s.bytes)).toEqual(Array.from(bytes(0, 12)));
  });

  it('fails the download at the next write when a save failed, and abort deletes the partial file', async () => {
    const ws = recordingContents();
    const sink = contentsSink(ws.contents, 'f', { chunkBytes: 4 });
    ws.failNextSave(new Error('disk full'));
    await sink.write(bytes(0, 4));
    await sink.write(bytes(4, 4)); // chunk 1's save starts here and fails
    await expect(sink.write(bytes(8, 4))).rejects.toThrow('disk full');
    await sink.abort();
    expect(ws.deleted).toEqual([`f${PARTIAL_SUFFIX}`]);
    expect(ws.renamed).toEqual([]);
  });
});

describe('renameOver', () => {
  it('replaces the file, and removes the partial file when the rename fails', async () => {
    const deleted: string[] = [];
    let failRename = false;
    const contents = {
      delete: async (path: string) => void deleted.push(path),
      rename: async (from: string, to: string) => {
        if (failRename) {
          throw new Error(`Cannot rename ${from} to ${to}: a folder of that name is not empty`);
        }
        return {};
      }
    } as unknown as SinkContents;

    await renameOver(contents, 'a.csv.helium-partial', 'a.csv');
    expect(deleted).toEqual(['a.csv']);

    failRename = true;
    await expect(renameOver(contents, 'b.csv.helium-partial', 'b.csv')).rejects.toThrow(/not empty/);
    expect(deleted).toEqual(['a.csv', 'b.csv', 'b.csv.helium-partial']);
  });
});
