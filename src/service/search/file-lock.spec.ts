/** The lock file beside a local index: taken exclusively, waited for, taken over when stale. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireFileLock } from './file-lock';

let dir: string;
let lock: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'helium-lock-'));
  lock = path.join(dir, 'b.sqlite3.lock');
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A lock file as another process would have left it. */
async function othersLock(pid: number, host = os.hostname()): Promise<void> {
  await fs.writeFile(lock, JSON.stringify({ pid, host, token: 'theirs', time: Date.now() }));
}

describe('acquireFileLock', () => {
  it('is exclusive: a second taker waits until the first releases', async () => {
    const release = await acquireFileLock(lock);
    const order: string[] = [];
    const second = acquireFileLock(lock).then(r => {
      order.push('second');
      return r;
    });
    await new Promise(resolve => setTimeout(resolve, 100));
    order.push('first released');
    await release();
    await (
      await second
    )();
    expect(order).toEqual(['first released', 'second']);
    await expect(fs.stat(lock)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over the lock of a process that is gone', async () => {
    await othersLock(4_000_000);
    const release = await acquireFileLock(lock, { isAlive: () => false, timeoutMs: 1000 });
    expect(JSON.parse(await fs.readFile(lock, 'utf-8'))).toMatchObject({ pid: process.pid });
    await release();
  });

  it('gives up on a live holder with a message naming it, and leaves its lock', async () => {
    await othersLock(4_000_001);
    await expect(acquireFileLock(lock, { isAlive: () => true, timeoutMs: 150 })).rejects.toMatchObject({
      kind: 'Conflict',
      code: 'IndexLocked',
      message: expect.stringContaining('process 4000001')
    });
    expect(JSON.parse(await fs.readFile(lock, 'utf-8'))).toMatchObject({ token: 'theirs' });
  });

  it('takes over a lock older than the stale age even from another host', async () => {
    await othersLock(1, 'elsewhere');
    const old = new Date(Date.now() - 10 * 60_000);
    await fs.utimes(lock, old, old);
    const release = await acquireFileLock(lock, { isAlive: () => true, timeoutMs: 1000 });
    await release();
  });

  it('releases only its own lock', async () => {
    const release = await acquireFileLock(lock);
    await othersLock(4_000_002); // taken over meanwhile (ours was judged stale)
    await release();
    expect(JSON.parse(await fs.readFile(lock, 'utf-8'))).toMatchObject({ token: 'theirs' });
  });
});
