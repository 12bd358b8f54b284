/**
 * Benchmark: a big file uploaded and downloaded from the page (JupyterLab with this extension,
 * Chromium driven by Playwright, every request through the server's signing proxy
 * /helium/s3/<connection>/…) against the `helium` CLI talking to the same local S3, in one run.
 * Prints seconds, MB/s, the ratio page/CLI of throughput for each direction and the page's long
 * tasks (main-thread tasks over 50 ms, from a PerformanceObserver) during each transfer; writes
 * bench/results/browser-transfers-*.json. It asserts nothing about time; it does check bytes.
 *
 *   npx tsx bench/browser-transfers.ts                  # 1 GiB; needs `npm run build` and `npm run build:cli`
 *   HELIUM_BENCH_BROWSER_MIB=128 npx tsx bench/browser-transfers.ts
 *
 * Environment:
 *   HELIUM_BENCH_BROWSER_MIB   the file's size in MiB (default 1024)
 *   HELIUM_BENCH_S3_URL        a running local S3 (default: scripts/local_s3.py is started)
 *   HELIUM_BENCH_PYTHON        python with moto (default .venv/bin/python)
 *   HELIUM_BENCH_LAB_PORT      JupyterLab's port (default 8892)
 *   HELIUM_CHROMIUM            the browser (default /usr/bin/chromium)
 *   HELIUM_BENCH_PARTS_IN_FLIGHT  the page's "Parts in flight per file" setting (default: the setting's default)
 *   HELIUM_BENCH_PROFILE       a folder: write the page's CPU profile of each transfer there
 *                              (`page-up.cpuprofile`, `page-down.cpuprofile`; open in DevTools)
 *
 * What each side does, as a user would:
 *   - CLI up/down: `node dist/helium.cjs put|get` (a new process each time), straight to the S3.
 *   - page up: the S3 panel's Upload button's file input, given the file on disk
 *     (`setInputFiles`: Chromium reads it from disk as a File), into a folder of the bucket;
 *     timed from handing over the file to the Transfers row's `done`.
 *   - page down: the object's context menu, *Download to /*: into the workspace folder the file
 *     browser shows (the Jupyter server reads the object into its workspace itself when its
 *     workspace is on its disk, as here; else the page saves it through the Contents API); timed
 *     from the click to `done`.
 * The page uploads its own object and the CLI downloads that one (so the CLI's SHA-256 check
 * verifies the page's upload), and the page downloads the object the CLI uploaded (checked on the
 * workspace's disk).
 */
import { ChildProcess, spawn } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import { createReadStream, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type Download, type Page } from '../ui-tests/node_modules/playwright';
import { startBenchS3 } from './local-s3';
import { CpuByRole, cpuBetween, cpuByRole } from './process-cpu';
import { ResultRow, writeResults } from './results';

const ROOT = path.resolve(__dirname, '..');
const MIB = 1024 * 1024;
const sizeMiB = Number(process.env.HELIUM_BENCH_BROWSER_MIB ?? 1024);
const python = process.env.HELIUM_BENCH_PYTHON ?? path.join(ROOT, '.venv', 'bin', 'python');
const labPort = Number(process.env.HELIUM_BENCH_LAB_PORT ?? 8892);
const BUCKET = 'helium-bench-browser';
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1' };
/** Long tasks at or over this many ms break the page's responsiveness goal. */
const LONG_TASK_LIMIT_MS = 100;

/** Main-thread long tasks seen during one transfer. */
interface LongTasks {
  count: number;
  overLimit: number;
  maxMs: number;
  totalMs: number;
}

/** A file of `size` random bytes (nothing compresses), and its SHA-256. */
function writeRandomFile(file: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'w');
  const block = 8 * MIB;
  for (let done = 0; done < size; done += block) {
    const bytes = randomBytes(Math.min(block, size - done));
    hash.update(bytes);
    writeFileSync(fd, bytes);
  }
  return hash.digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MIB })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** Runs a command to completion; rejects with its output when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', d => (output += d));
    child.stderr.on('data', d => (output += d));
    child.on('error', reject);
    child.on('exit', code => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))));
  });
}

/** Seconds a promise takes. */
async function timed(work: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

/** JupyterLab serving this checkout's extension (built) against the local S3, in a child process. */
async function startLab(s3Url: string, rootDir: string, scratch: string): Promise<{ url: string; pid?: number; stop: () => void }> {
  const extensions = path.join(scratch, 'labextensions');
  mkdirSync(extensions);
  const built = path.join(ROOT, 'jupyterlab_helium', 'labextension');
  if (!existsSync(path.join(built, 'package.json'))) {
    throw new Error(`No built labextension at ${built}: run \`npm run build\` first.`);
  }
  symlinkSync(built, path.join(extensions, 'jupyterlab-helium'));
  const partsInFlight = process.env.HELIUM_BENCH_PARTS_IN_FLIGHT;
  if (partsInFlight) {
    const settings = path.join(scratch, 'settings', 'jupyterlab-helium');
    mkdirSync(settings, { recursive: true });
    writeFileSync(path.join(settings, 'plugin.jupyterlab-settings'), JSON.stringify({ partsInFlight: Number(partsInFlight) }));
  }
  const logFile = path.join(scratch, 'jupyter.log');
  const lab: ChildProcess = spawn(
    path.join(path.dirname(python), 'jupyter'),
    ['lab', '--config', path.join(__dirname, 'browser_transfers_jupyter_config.py'), `--ServerApp.port=${labPort}`],
    {
      stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')],
      env: {
        ...process.env,
        ...CREDS,
        // The server extension of this checkout, not whichever one the venv installed.
        PYTHONPATH: [ROOT, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
        JUPYTER_CONFIG_DIR: path.join(scratch, 'config'),
        HELIUM_BENCH_S3_URL: s3Url,
        HELIUM_BENCH_BUCKET: BUCKET,
        HELIUM_BENCH_ROOT_DIR: rootDir,
        HELIUM_BENCH_LAB_DIR: scratch,
        HELIUM_BENCH_EXTENSIONS: extensions
      }
    }
  );
  const stop = (): void => {
    if (lab.exitCode === null && lab.pid !== undefined) {
      lab.kill('SIGTERM');
    }
  };
  process.on('exit', stop);
  const url = `http://127.0.0.1:${labPort}`;
  for (let i = 0; i < 1200; i++) {
    if (lab.exitCode !== null) {
      throw new Error(`JupyterLab exited:\n${readFileSync(logFile, 'utf8')}`);
    }
    const up = await fetch(`${url}/lab`).then(
      r => r.ok,
      () => false
    );
    if (up) {
      return { url, pid: lab.pid, stop };
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`JupyterLab did not start in 2 minutes:\n${readFileSync(logFile, 'utf8')}`);
}

/** Collects every long task of the page from its first script on (`window.__heliumLongTasks`). */
function observeLongTasks(): void {
  const tasks: { start: number; duration: number }[] = [];
  (window as unknown as { __heliumLongTasks: typeof tasks }).__heliumLongTasks = tasks;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      tasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}

/** The page's clock (for long tasks), now. */
function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** Long tasks that started between two readings of the page's clock. */
async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTasks> {
  const tasks = await page.evaluate(
    ([a, b]) =>
      (window as unknown as { __heliumLongTasks: { start: number; duration: number }[] }).__heliumLongTasks.filter(
        t => t.start >= a && t.start <= b
      ),
    [from, to]
  );
  const durations = tasks.map(t => t.duration);
  return {
    count: durations.length,
    overLimit: durations.filter(d => d > LONG_TASK_LIMIT_MS).length,
    maxMs: Math.round(Math.max(0, ...durations)),
    totalMs: Math.round(durations.reduce((a, b) => a + b, 0))
  };
}

const panel = (page: Page) => page.locator('#jupyterlab-helium-browser');
const panelRow = (page: Page, name: string) => panel(page).locator(`.jp-helium-row[data-name="${name}"]`);

/** Waits until the panel's listing has answered. */
async function waitForListing(page: Page): Promise<void> {
  await panel(page)
    .locator('[data-testid=helium-status]')
    .filter({ hasText: /items?$|more on scroll$/ })
    .waitFor();
}

/** Opens the S3 panel on the bucket's folder `folder`. */
async function openFolder(page: Page, folder: string): Promise<void> {
  if (!(await panel(page).isVisible())) {
    await page.locator('.jp-SideBar .lm-TabBar-tab[data-id="jupyterlab-helium-browser"]').click();
  }
  await panel(page).locator(`[data-testid=helium-bucket] option[value="${BUCKET}"]`).waitFor({ state: 'attached' });
  await panel(page).locator('[data-testid=helium-bucket]').selectOption(BUCKET);
  await panel(page).locator('.jp-helium-crumb', { hasText: BUCKET }).first().click();
  await waitForListing(page);
  await panelRow(page, folder).dblclick();
  await panel(page).locator('.jp-helium-crumb').last().filter({ hasText: folder }).waitFor();
  await waitForListing(page);
}

/** Waits for the Transfers row `label` to finish; throws with its error unless it is done. */
async function waitForTransfer(page: Page, direction: 'upload' | 'download', label: string): Promise<void> {
  const row = `.jp-helium-transfer[data-direction="${direction}"][data-label="${label}"]`;
  const finished = page.locator(['done', 'failed', 'cancelled', 'skipped'].map(state => `${row}[data-state="${state}"]`).join(', '));
  await finished.first().waitFor({ timeout: 60 * 60 * 1000 });
  const state = await finished.first().getAttribute('data-state');
  if (state !== 'done') {
    throw new Error(`The page's transfer of ${label} ended ${state}: ${await finished.first().innerText()}`);
  }
}

/** One page transfer, timed on the test's clock, with the long tasks during it. */
async function pageTransfer(
  page: Page,
  direction: 'upload' | 'download',
  label: string,
  roles: Map<number, string>,
  start: () => Promise<void>
): Promise<{ seconds: number; longTasks: LongTasks; cpu: CpuByRole }> {
  const profileDir = process.env.HELIUM_BENCH_PROFILE;
  const cdp = profileDir ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const from = await pageNow(page);
  const cpuBefore = cpuByRole(roles, 'browser');
  const seconds = await timed(async () => {
    await start();
    await waitForTransfer(page, direction, label);
  });
  const cpu = cpuBetween(cpuBefore, cpuByRole(roles, 'browser'));
  const to = await pageNow(page);
  if (cdp && profileDir) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(path.join(profileDir, `page-${direction === 'upload' ? 'up' : 'down'}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
  return { seconds, longTasks: await longTasksBetween(page, from, to), cpu };
}

async function main(): Promise<void> {
  const size = Math.round(sizeMiB * MIB);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'helium-bench-browser-'));
  const rootDir = path.join(scratch, 'workspace');
  mkdirSync(rootDir);
  const cli = path.join(ROOT, 'dist', 'helium.cjs');
  if (!existsSync(cli)) {
    throw new Error(`No CLI at ${cli}: run \`npm run build:cli\` first.`);
  }
  const stamp = Date.now(); // keys new each run, should HELIUM_BENCH_S3_URL name a server used before
  const name = `big-${sizeMiB}MiB-${stamp}.bin`;
  const file = path.join(scratch, name);
  console.log(`Writing a ${sizeMiB} MiB file...`);
  const sha = writeRandomFile(file, size);

  const s3 = await startBenchS3({ args: ['--bucket', BUCKET], python, needs: 'moto', readyMinutes: 2 });
  const lab = await startLab(s3.url, rootDir, scratch);
  const browser = await chromium.launch({
    executablePath: process.env.HELIUM_CHROMIUM || '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  });
  const env = { ...process.env, ...CREDS };
  const s3Uri = (key: string) => `s3://${BUCKET}/${key}`;
  try {
    // The folders the page works in, made as a user would have them.
    const marker = path.join(scratch, 'README.txt');
    writeFileSync(marker, 'bench\n');
    await run('node', [cli, 'put', marker, s3Uri('page/README.txt'), '--endpoint-url', s3.url], env);

    console.log('CLI: put...');
    const cliUp = await timed(() => run('node', [cli, 'put', file, s3Uri(`cli/${name}`), '--endpoint-url', s3.url], env));

    // CPU seconds of page transfers by process: the Jupyter server (proxy, Contents API), the
    // local S3, and the rest (Chromium's processes).
    const roles = new Map<number, string>();
    if (lab.pid) {
      roles.set(lab.pid, 'jupyter');
    }
    if (s3.pid) {
      roles.set(s3.pid, 'local_s3');
    }
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(observeLongTasks);
    await page.goto(`${lab.url}/lab`);
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached', timeout: 120000 });
    await openFolder(page, 'page');

    console.log('Page: upload...');
    const pageUp = await pageTransfer(page, 'upload', name, roles, () =>
      panel(page).locator('[data-testid=helium-upload-input]').setInputFiles(file)
    );

    console.log('CLI: get (the page\u2019s upload)...');
    const cliDownloaded = path.join(scratch, `cli-${name}`);
    const cliDown = await timed(() => run('node', [cli, 'get', s3Uri(`page/${name}`), cliDownloaded, '--endpoint-url', s3.url], env));
    if ((await sha256File(cliDownloaded)) !== sha) {
      throw new Error('The object the page uploaded is not the file (SHA-256 differs).');
    }
    rmSync(cliDownloaded);

    console.log('Page: download to the workspace (the CLI\u2019s upload)...');
    await panel(page).locator('.jp-helium-crumb', { hasText: BUCKET }).first().click();
    await waitForListing(page);
    await panelRow(page, 'cli').dblclick();
    await waitForListing(page);
    const pageDown = await pageTransfer(page, 'download', name, roles, async () => {
      await panelRow(page, name).click({ button: 'right' });
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Download to \// }).click();
    });
    if ((await sha256File(path.join(rootDir, name))) !== sha) {
      throw new Error('The file the page downloaded into the workspace is not the object (SHA-256 differs).');
    }
    console.log('Page: download to this computer (the browser\u2019s own download)...');
    let download: Download | undefined;
    const toComputer = await timed(async () => {
      await panelRow(page, name).click({ button: 'right' });
      const started = page.waitForEvent('download', { timeout: 60 * 60 * 1000 });
      await page.locator('.lm-Menu-itemLabel', { hasText: /^Download$/ }).click();
      download = await started;
      await download.path(); // resolves once the browser has the whole file
    });
    if ((await sha256File(await download!.path())) !== sha) {
      throw new Error('The file the browser downloaded is not the object (SHA-256 differs).');
    }
    await download!.delete();
    // The ceiling of any download through the proxy: one GET of the object from the page, its
    // bytes read and dropped (no workspace write).
    const proxyGet = await page.evaluate(async url => {
      const started = performance.now();
      const response = await fetch(url);
      const reader = response.body!.getReader();
      let bytes = 0;
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        bytes += r.value.byteLength;
      }
      return { seconds: (performance.now() - started) / 1000, bytes, status: response.status };
    }, `${lab.url}/helium/s3/local/${BUCKET}/cli/${name}`);
    if (proxyGet.status !== 200 || proxyGet.bytes !== size) {
      throw new Error(`The page's GET through the proxy answered ${proxyGet.status} with ${proxyGet.bytes} bytes.`);
    }
    await context.close();

    const rate = (seconds: number) => size / MIB / seconds;
    const rows: ResultRow[] = [
      { workload: `${sizeMiB} MiB up`, tool: 'cli', seconds: cliUp, mib_per_s: rate(cliUp) },
      {
        workload: `${sizeMiB} MiB up`,
        tool: 'page',
        seconds: pageUp.seconds,
        mib_per_s: rate(pageUp.seconds),
        long_tasks: pageUp.longTasks,
        cpu_seconds: pageUp.cpu
      },
      { workload: `${sizeMiB} MiB down`, tool: 'cli', seconds: cliDown, mib_per_s: rate(cliDown) },
      {
        workload: `${sizeMiB} MiB down`,
        tool: 'page',
        seconds: pageDown.seconds,
        mib_per_s: rate(pageDown.seconds),
        long_tasks: pageDown.longTasks,
        cpu_seconds: pageDown.cpu
      },
      { workload: `${sizeMiB} MiB down`, tool: 'page-to-computer', seconds: toComputer, mib_per_s: rate(toComputer) },
      { workload: `${sizeMiB} MiB down`, tool: 'page-proxy-get', seconds: proxyGet.seconds, mib_per_s: rate(proxyGet.seconds) }
    ];
    // ratio = CLI seconds / page seconds = the page's throughput over the CLI's (goal: >= 0.7).
    const file_ = writeResults(
      'browser-transfers',
      rows,
      { size_mib: sizeMiB, long_task_limit_ms: LONG_TASK_LIMIT_MS, parts_in_flight: process.env.HELIUM_BENCH_PARTS_IN_FLIGHT ?? 'default' },
      'cli'
    );
    console.log(`\n${sizeMiB} MiB, one run, same local S3 (the page through the server's proxy)`);
    console.log('direction   CLI s   page s   CLI MiB/s  page MiB/s  page/CLI  long tasks (count, >100 ms, max ms)');
    for (const [direction, c, p] of [
      ['up', cliUp, pageUp],
      ['down', cliDown, pageDown]
    ] as const) {
      const lt = p.longTasks;
      console.log(
        `${direction.padEnd(9)} ${c.toFixed(2).padStart(7)} ${p.seconds.toFixed(2).padStart(8)} ${rate(c).toFixed(1).padStart(10)} ${rate(
          p.seconds
        )
          .toFixed(1)
          .padStart(11)} ${(c / p.seconds).toFixed(2).padStart(9)}  ${lt.count}, ${lt.overLimit}, ${lt.maxMs}`
      );
    }
    console.log(
      `page download to this computer: ${toComputer.toFixed(2)} s, ${rate(toComputer).toFixed(1)} MiB/s, ${(cliDown / toComputer).toFixed(2)} of the CLI`
    );
    console.log(`page GET through the proxy, bytes dropped: ${proxyGet.seconds.toFixed(2)} s, ${rate(proxyGet.seconds).toFixed(1)} MiB/s`);
    console.log(`CPU seconds during the page's upload: ${JSON.stringify(pageUp.cpu)}; download: ${JSON.stringify(pageDown.cpu)}`);
    console.log(`\nWrote ${path.relative(ROOT, file_)}`);
  } finally {
    await browser.close();
    lab.stop();
    s3.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
