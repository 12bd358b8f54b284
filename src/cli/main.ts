/**
 * The entry point of the `helium` command (bundled into dist/helium.cjs by
 * scripts/build_cli.mjs): wires the process's streams, terminal prompt and signals to run().
 *
 * Ctrl-C (SIGINT) cancels through an AbortSignal: multipart uploads in flight are aborted and
 * temporary download files removed before the process exits with 130. A second Ctrl-C exits
 * at once.
 */
import { createHash } from 'crypto';
import * as readline from 'readline';
import { lendSha256ForSmallInputs } from '../service/checksum';
import { run } from './program';

/**
 * Ask a question on the terminal (stderr), reading the answer from stdin.
 * @param question - the question.
 * @param signal - cancels the question (Ctrl-C).
 * @returns the answer (empty when cancelled).
 */
function ask(question: string, signal: AbortSignal): Promise<string> {
  return new Promise(resolve => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const done = (answer: string) => {
      signal.removeEventListener('abort', onAbort);
      rl.close();
      resolve(answer);
    };
    const onAbort = () => done('');
    signal.addEventListener('abort', onAbort, { once: true });
    // In raw mode Ctrl-C reaches readline, not the process: treat it as the signal would be.
    rl.on('SIGINT', () => {
      process.stderr.write('\n');
      process.emit('SIGINT');
    });
    rl.question(question, done);
  });
}

/** Run the command and exit with its code. */
async function main(): Promise<void> {
  // The SDK warns about Node < 22 on every run; the CLI supports Node 20.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  lendSha256ForSmallInputs(data => createHash('sha256').update(data).digest());
  const controller = new AbortController();
  let interrupts = 0;
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    received = signal;
    if (interrupts > 1) {
      process.exit(signal === 'SIGTERM' ? 143 : 130);
    }
    if (!process.argv.includes('--json')) {
      process.stderr.write('\nCancelling… (press Ctrl-C again to quit at once)\n');
    }
    controller.abort(new Error(`Interrupted (${signal})`));
  };
  // A bug must still end with one readable line (and exit 1), not a stack trace.
  const onUnexpected = (err: unknown) => {
    const debug = process.env.HELIUM_DEBUG === '1' || process.env.HELIUM_DEBUG === 'true';
    const text = err instanceof Error ? (debug ? (err.stack ?? err.message) : err.message) : String(err);
    process.stderr.write(`helium: Unexpected error: ${text}\n`);
    process.exit(controller.signal.aborted ? 130 : 1);
  };
  process.on('unhandledRejection', onUnexpected);
  process.on('uncaughtException', onUnexpected);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // The reader went away (`helium ls | head`): stop quietly.
    if (err.code === 'EPIPE') {
      process.exit(0);
    }
    throw err;
  });
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const code = await run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
    ...(interactive ? { ask: (q: string) => ask(q, controller.signal) } : {})
  });
  process.exit(code === 130 && received === 'SIGTERM' ? 143 : code);
}

void main();
