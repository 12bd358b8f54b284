/**
 * Unit tests of the `helium` command's pure parts: key ↔ path safety, progress, output (--meta: meta.spec.ts).
 * @jest-environment-options {"customExportConditions": ["node", "require", "default"]}
 */
import { LosslessNumber } from 'lossless-json';
import * as path from 'path';
import { HeliumError } from '../service/error-class';
import { parseConcurrency } from './cmd-put';
import { toHeliumError } from '../service/errors';
import { errorMessage, exitCodeFor, toCliError, UsageError } from './errors';
import { formatBytes, formatDuration, safeText } from './output';
import { localPathForKey, relativeKeyProblem, unsafeKey } from './paths';
import { Progress, renderProgress } from './progress';
import { parseSetOption } from './cmd-meta';
import { versionRow } from './cmd-versions';
import { changeLine, parseRefArgument, summaryLines } from './cmd-diff';
import { foldersAbove, isTagRef } from './snapshot-tag';
import { describeLiveProgress, StatusLine } from './cmd-snapshot-progress';
import type { CliContext } from './context';
import { run } from './program';
import { runJobs } from './transfer-queue';
import { parseObjectArgument, parseUriArgument, withVersionOption } from './uri-args';

describe('keys as local paths', () => {
  const root = path.resolve('/tmp/target');

  it('maps keys inside the folder, every character kept', () => {
    expect(localPathForKey(root, 'a/b.txt')).toEqual({ path: path.join(root, 'a', 'b.txt') });
    expect(localPathForKey(root, 'dots..in..name')).toEqual({ path: path.join(root, 'dots..in..name') });
    expect(localPathForKey(root, 'ünïcode + space %')).toEqual({ path: path.join(root, 'ünïcode + space %') });
    expect(localPathForKey(root, 'tab\there\r\x01\x7f?#😀')).toEqual({ path: path.join(root, 'tab\there\r\x01\x7f?#😀') });
    expect(localPathForKey(root, 'x'.repeat(255))).toEqual({ path: path.join(root, 'x'.repeat(255)) });
  });

  it.each([
    ['a/../../escape.txt', 'a ".." segment'],
    ['../x', 'a ".." segment'],
    ['..', 'a ".." segment'],
    ['./x', 'a "." segment'],
    ['a//b.txt', 'an empty segment ("//")'],
    ['/etc/passwd', 'starts with "/"'],
    ['nul\u0000', 'NUL'],
    ['', 'no name'],
    [`d/${'é'.repeat(128)}`, 'is 256 bytes long, and file systems allow 255']
  ])('sets aside %j', (relative, reason) => {
    expect(relativeKeyProblem(relative)).toContain(reason);
    expect(localPathForKey(root, relative)).toEqual({ problem: expect.stringContaining(reason) });
  });

  it('says how to download a key alone, quoted for a shell and safe for a terminal', () => {
    const error = unsafeKey({ bucket: 'bkt', key: "p/it's\x1b[31m/.." }, 'it has a ".." segment');
    expect(error.code).toBe('UnsafeKey');
    expect(error.message).toContain("s3://bkt/p/it's%1B[31m/..");
    expect(error.message).toContain("helium get 's3://bkt/p/it'\\''s%1B[31m/..' FILE");
    expect(error.message).not.toMatch(/[\x00-\x1f]/);
  });
});

describe('options and errors', () => {
  it('checks --concurrency', () => {
    expect(parseConcurrency(undefined)).toBe(4);
    expect(parseConcurrency('16')).toBe(16);
    for (const bad of ['0', '65', '1.5', 'x', '-2']) {
      expect(() => parseConcurrency(bad)).toThrow(UsageError);
    }
  });

  it('turns file-system errors into readable messages', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, stat 'nope.txt'"), {
      code: 'ENOENT',
      path: 'nope.txt'
    });
    const mapped = toCliError(err);
    expect(mapped.kind).toBe('NotFound');
    expect(mapped.message).toBe('"nope.txt" does not exist.');
    expect(exitCodeFor(mapped)).toBe(1);
    expect(exitCodeFor(new HeliumError('Cancelled', 'x'))).toBe(130);
    expect(exitCodeFor(new HeliumError('Network', 'x'), true)).toBe(130);
  });

  it('gives the command line’s hints, not the panel’s (a listing to refresh, another connection)', () => {
    const s3Error = (name: string, status: number) =>
      Object.assign(new Error('UnknownError'), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
    const key = { bucket: 'b-1', key: 'dir/a.txt' };
    const missing = toHeliumError(s3Error('NotFound', 404), { action: 'HeadObject', ...key });
    expect(errorMessage(missing)).toBe(
      's3://b-1/dir/a.txt was not found: the object or its bucket does not exist. It may have been deleted or renamed: helium ls lists the folder, and helium versions the key’s versions and delete markers.'
    );
    const denied = toHeliumError(s3Error('AccessDenied', 403), { action: 'GetObject', ...key });
    expect(errorMessage(denied)).toMatch(/ Ask the bucket's owner for access, or use other credentials \(--profile\)\.$/);
    const conflict = toHeliumError(s3Error('PreconditionFailed', 412), { action: 'PutObject', ...key });
    expect(errorMessage(conflict)).toMatch(/ Run the command again, or choose another name\.$/);
    for (const err of [missing, denied, conflict]) {
      expect(errorMessage(err)).not.toMatch(/refresh|reload|connection/i);
    }
  });

  it('escapes control characters of keys before they reach a terminal', () => {
    expect(safeText('a\x1b[31mred\nb')).toBe('a\\x1b[31mred\\x0ab');
    expect(safeText('plain ü + %')).toBe('plain ü + %');
  });
});

describe('progress', () => {
  it('formats bytes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(1024 ** 3)).toBe('1.00 GiB');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(185)).toBe('3m05s');
    expect(formatDuration(Infinity)).toBe('--');
  });

  it('renders bar, percent, bytes, rate, ETA and files', () => {
    const line = renderProgress(
      { doneBytes: 512 * 1024 ** 2, totalBytes: 1024 ** 3, doneFiles: 1, totalFiles: 3, rate: 64 * 1024 ** 2 },
      100
    );
    expect(line).toMatch(/^\[#{10,}-{10,}\]/);
    expect(line).toContain(' 50% 512 MiB/1.00 GiB');
    expect(line).toContain('64.0 MiB/s');
    expect(line).toContain('ETA 8s');
    expect(line).toContain('(1/3 files)');
    expect(line.length).toBeLessThan(100);
    expect(renderProgress({ doneBytes: 0, totalBytes: 10, doneFiles: 0, totalFiles: 1 }, 30).length).toBeLessThan(30);
  });

  it('sums files, measures the rate, and draws only when enabled', () => {
    let t = 0;
    const written: string[] = [];
    const stream = { write: (s: string) => (written.push(s), true), once: () => undefined, columns: 120 };
    const progress = new Progress({ stream, enabled: true, totalBytes: 300, totalFiles: 2, now: () => t });
    t = 1000;
    progress.update('a', 100);
    t = 2000;
    progress.update('b', 50);
    const state = progress.state();
    expect(state.doneBytes).toBe(150);
    expect(state.rate).toBeCloseTo(75, 0);
    progress.finish('a', 200);
    expect(progress.state()).toMatchObject({ doneBytes: 250, doneFiles: 1 });
    expect(written.join('')).toContain('(0/2 files)');
    progress.stop();
    expect(written[written.length - 1]).toBe('\r\x1b[2K');

    const silent: string[] = [];
    const off = new Progress({
      stream: { write: (s: string) => (silent.push(s), true), once: () => undefined },
      enabled: false,
      totalBytes: 10,
      totalFiles: 1
    });
    off.update('a', 5);
    off.stop();
    expect(silent).toEqual([]);
  });
});

describe('transfer queue', () => {
  const quiet = () => new Progress({ stream: { write: () => true, once: () => undefined }, enabled: false, totalBytes: 2, totalFiles: 2 });

  it('reports a Ctrl-C that came after every transfer was done as success, not "Cancelled."', async () => {
    // A multipart upload is not cancelled once CompleteMultipartUpload is sent: put printed
    // "upload: big.bin to s3://…", then "helium: Cancelled.", for an object it had written.
    const controller = new AbortController();
    const done: string[] = [];
    const jobs = ['a', 'b'].map(id => ({
      id,
      size: 1,
      run: async () => {
        if (id === 'b') {
          controller.abort(new Error('Interrupted (SIGINT)'));
        }
        return id;
      }
    }));
    await expect(runJobs(jobs, 1, controller.signal, quiet(), (_job, result) => void done.push(result))).resolves.toBeUndefined();
    expect(done).toEqual(['a', 'b']);
  });

  it('still reports Cancelled when a Ctrl-C stopped transfers before they were done', async () => {
    const controller = new AbortController();
    const jobs = ['a', 'b'].map(id => ({
      id,
      size: 1,
      run: async () => {
        controller.abort(new Error('Interrupted (SIGINT)'));
        return id;
      }
    }));
    await expect(runJobs(jobs, 1, controller.signal, quiet(), () => undefined)).rejects.toMatchObject({ kind: 'Cancelled' });
  });
});

describe('version arguments', () => {
  /** Run the command line in-process, collecting its output. */
  async function runIn(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const stream = (add: (t: string) => void) => ({ write: (t: string) => (add(t), true), once: () => undefined });
    const io = { stdout: stream(t => (stdout += t)), stderr: stream(t => (stderr += t)), signal: new AbortController().signal };
    const code = await run(argv, io);
    return { code, stdout, stderr };
  }

  it('merges --version with ?versionId=, which must agree', () => {
    const location = { bucket: 'b-b', key: 'k' };
    expect(withVersionOption(location, undefined)).toEqual(location);
    expect(withVersionOption(location, 'v1')).toEqual({ ...location, versionId: 'v1' });
    expect(withVersionOption({ ...location, versionId: 'v1' }, 'v1')).toEqual({ ...location, versionId: 'v1' });
    expect(() => withVersionOption({ ...location, versionId: 'v1' }, 'v2')).toThrow(UsageError);
    expect(() => withVersionOption(location, '')).toThrow(/needs a version id/);
    expect(() => parseObjectArgument('s3://b-b/folder/', 'versions')).toThrow(/works on one object/);
  });

  it('shows a whole command line when an S3 URI is mistyped', () => {
    expect(() => parseUriArgument('s3:/my-bucket/a.csv', 'put')).toThrow(/e\.g\. helium put data\.csv s3:\/\/my-bucket\/data\/\.$/);
    expect(() => parseUriArgument('my-bucket/a.csv', 'get')).toThrow(/e\.g\. helium get s3:\/\/my-bucket\/data\/ data\/\.$/);
    expect(() => parseUriArgument('bucket', 'ls')).toThrow(/e\.g\. helium ls s3:\/\/my-bucket\/data\/\.$/);
  });

  it('suggests, for a key holding "?" or "#", a URI that itself parses (a lone "%" too)', () => {
    let message = '';
    try {
      parseUriArgument('s3://b-b/odd/hash#q?pct%.txt', 'get');
    } catch (err) {
      message = (err as Error).message;
    }
    const suggested = /: (s3:\/\/\S+)\.$/.exec(message)?.[1] ?? '';
    expect(suggested).toBe('s3://b-b/odd/hash%23q%3Fpct%25.txt');
    expect(parseUriArgument(suggested, 'get')).toEqual({ bucket: 'b-b', key: 'odd/hash#q?pct%.txt' });
  });

  it('checks --set JSON before anything is sent', () => {
    expect(parseSetOption('{"a": [1]}')).toEqual({ a: [new LosslessNumber('1')] });
    expect(() => parseSetOption('3')).toThrow('--set must be a JSON object ({"name": value, …}), not a number.');
    expect(parseSetOption('null')).toBeNull();
    expect(() => parseSetOption('{"a": }')).toThrow(
      `--set is not valid JSON (line 1, column 7, right after '{"a": '): expected a value, found "}".`
    );
    expect(() => parseSetOption('"x"')).toThrow(UsageError);
  });

  it('reads --version after a command as an object version, before it as helium’s version', async () => {
    const own = await runIn(['--version']);
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/^\d+\.\d+\.\d+/);
    const clash = await runIn(['get', 's3://b-b/k?versionId=v1', '--version', 'v2', 'out.txt']);
    expect(clash.code).toBe(2);
    expect(clash.stdout).toBe('');
    expect(clash.stderr).toContain('but --version says "v2"');
    const permanent = await runIn(['rm', 's3://b-b/k', '--version', 'v1']);
    expect(permanent.code).toBe(2);
    expect(permanent.stderr).toContain('is permanent');
    const json = await runIn(['meta', 's3://b-b/k', '--set', '{bad', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stderr).error).toMatchObject({ kind: 'InvalidInput', code: 'InvalidMetadata' });
  });

  it('prints version rows with the marker and latest columns', () => {
    const row = versionRow({
      key: 'k',
      versionId: 'v\x1b1',
      isLatest: true,
      isDeleteMarker: true,
      size: 0,
      lastModified: new Date(2024, 4, 1, 10, 0, 3)
    });
    expect(row).toBe('2024-05-01 10:00:03            -  yes    yes           v\\x1b1');
  });
});

describe('snapshot commands', () => {
  /** Run the command line in-process, collecting its output. */
  async function runIn(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const stream = (add: (t: string) => void) => ({ write: (t: string) => (add(t), true), once: () => undefined });
    const io = { stdout: stream(t => (stdout += t)), stderr: stream(t => (stderr += t)), signal: new AbortController().signal };
    const code = await run(argv, io);
    return { code, stdout, stderr };
  }

  const counts = (over: Partial<Record<string, number>>) => ({
    added: 0,
    deleted: 0,
    modified: 0,
    'metadata-changed': 0,
    'same-content-new-version': 0,
    same: 0,
    ...over
  });

  it('prints a per-folder summary of the folders with changes, (all) first', () => {
    const lines = summaryLines(
      new Map([
        ['b/', counts({ modified: 2, same: 5 })],
        ['', counts({ added: 1, modified: 2, same: 9 })],
        ['a/', counts({ same: 4 })],
        ['c\x1b/', counts({ added: 1 })]
      ])
    );
    expect(lines[0]).toMatch(/^FOLDER +ADDED {2}DELETED {2}MODIFIED {2}METADATA {2}NEW VERSION {2}SAME$/);
    expect(lines.slice(1).map(l => l.split(/ +/)[0])).toEqual(['(all)', 'b/', 'c\\x1b/']);
    expect(lines[1].split(/ +/).slice(1)).toEqual(['1', '0', '2', '0', '0', '9']);
    // columns line up under their titles
    expect(lines[2].length).toBe(lines[0].length);
    expect(changeLine('metadata-changed', 'x\ny')).toBe('metadata-changed          x\\x0ay');
  });

  it('checks snapshot refs as usage errors', () => {
    expect(parseRefArgument('LATEST', 'left side')).toBe('latest');
    expect(parseRefArgument('9ADFC2', 'left side')).toBe('9adfc2');
    for (const bad of ['9adfc', 'xyz123', '', 'a'.repeat(65)]) {
      expect(() => parseRefArgument(bad, 'left side')).toThrow(UsageError);
    }
  });

  it('tells tags from top hashes and latest, and lists the folders a tag is looked up in', () => {
    expect(['q3-release', 'v1', 'nothex', 'abc12'].map(isTagRef)).toEqual([true, true, true, true]);
    expect(['9adfc2', 'latest', 'LATEST', 'not hex!', '', '42'].map(isTagRef)).toEqual([false, false, false, false, false, false]);
    expect(foldersAbove('runs/sub/results.csv')).toEqual(['runs/sub/', 'runs/', '']);
    expect(foldersAbove('runs/sub/')).toEqual(['runs/sub/', 'runs/', '']);
    expect(foldersAbove('top.csv')).toEqual(['']);
    expect(foldersAbove('')).toEqual(['']);
  });

  it('refuses bad diff and get --snapshot arguments before any request', async () => {
    const both = await runIn(['diff', 's3://b-b', 'latest', 'latest']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Both sides are "latest"');
    // A word like `nothex` is a tag (looked up); this is neither a hash nor a tag name.
    const badRef = await runIn(['diff', 's3://b-b', 'not hex!', 'latest', '--json']);
    expect(badRef.code).toBe(2);
    expect(JSON.parse(badRef.stderr).error).toMatchObject({ kind: 'InvalidInput', code: 'InvalidTopHash' });
    expect(JSON.parse(badRef.stderr).error.message).toContain('a tag (helium tags lists them)');
    const packageAlone = await runIn(['get', 's3://b-b/k', 'out', '--package', 'team/x']);
    expect(packageAlone.code).toBe(2);
    expect(packageAlone.stderr).toContain('use it with --snapshot TAG');
    const file = await runIn(['diff', 's3://b-b/file.txt', '9adfc2', 'latest']);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain('is not a folder');
    const mismatch = await runIn(['diff', 's3://b-b/a/', '9adfc2', 'latest', '--folder', 'b/']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toContain('--folder says "b/"');
    const withVersion = await runIn(['get', 's3://b-b/k', '--snapshot', '9adfc2', '--version', 'v1', 'out']);
    expect(withVersion.code).toBe(2);
    expect(withVersion.stderr).toContain('--snapshot picks the version');
    const latest = await runIn(['get', 's3://b-b/k', '--snapshot', 'latest', 'out']);
    expect(latest.code).toBe(2);
    expect(latest.stderr).toContain('leave out --snapshot');
  });

  it('describes progress reports leniently', () => {
    expect(describeLiveProgress(undefined)).toBe('Working…');
    expect(describeLiveProgress({ phase: 'listing', listed: 1234 })).toBe('Listing objects: 1,234 objects');
    expect(
      describeLiveProgress({ phase: 'hashing', listed: 10, toCheck: 4, checked: 2, reused: 6, hashedBytes: 1024, bytesToHash: 2048 })
    ).toBe('Hashing content: 10 objects · 2/4 checksums · 6 known from the snapshot · 1.00 KiB/2.00 KiB hashed');
    expect(describeLiveProgress({ phase: 'copying', done: 1, total: 3, bytesCopied: 10, totalBytes: 20 })).toBe(
      'Copying versions back: 1/3 files · 10 B/20 B'
    );
    expect(describeLiveProgress({ phase: 'something-new' })).toBe('something-new…');
    // snapshot()'s reports
    expect(describeLiveProgress({ phase: 'hashing', objects: 5, totalObjects: 10, bytes: 1024, totalBytes: 4096 })).toBe(
      'Hashing content: 5/10 objects · 1.00 KiB/4.00 KiB'
    );
    expect(describeLiveProgress({ phase: 'listing', objects: 7, bytes: 0 })).toBe('Listing objects: 7 objects · 0 B');
  });

  it('draws a status line only on a terminal and not with --json', () => {
    let t = 0;
    const written: string[] = [];
    const stderr = { write: (s: string) => (written.push(s), true), once: () => undefined, isTTY: true, columns: 20 };
    const ctx = (json: boolean) => ({ io: { stderr }, json }) as unknown as CliContext;
    const line = new StatusLine(ctx(false), () => t);
    line.show('a very long status line that is cut');
    t = 50;
    line.show('too soon');
    t = 200;
    line.show('later');
    line.stop();
    expect(written).toEqual(['\r\x1b[2Ka very long status ', '\r\x1b[2Klater', '\r\x1b[2K']);
    written.length = 0;
    const quiet = new StatusLine(ctx(true), () => t);
    quiet.show('x');
    quiet.stop();
    expect(written).toEqual([]);
  });
});
