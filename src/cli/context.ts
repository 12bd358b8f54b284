/**
 * What every command gets: the S3 client (made from the global options), the output streams,
 * the cancellation signal (Ctrl-C) and whether to draw progress or ask questions.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createNodeClient } from '../service/client-node';
import { UsageError } from './errors';
import { Output, safeText, TextStream } from './output';
import { Progress } from './progress';

/** The options every command accepts. */
export interface GlobalOptions {
  /** The S3 endpoint URL (`--endpoint-url`). */
  endpointUrl?: string;
  /** The region (`--region`). */
  region?: string;
  /** The AWS profile (`--profile`). */
  profile?: string;
  /** Machine-readable output (`--json`). */
  json?: boolean;
}

/** Streams and environment of one run (process's own, or a test's). */
export interface CliIo {
  stdout: TextStream;
  stderr: TextStream;
  /** Reads a line from the terminal (for confirmations); absent when stdin is not a terminal. */
  ask?: (question: string) => Promise<string>;
  /** Cancelled on Ctrl-C. */
  signal: AbortSignal;
}

/**
 * Check the endpoint a run will use (`--endpoint-url`, else AWS_ENDPOINT_URL_S3, else
 * AWS_ENDPOINT_URL, as `createNodeClient` picks it) before anything is sent: the SDK's own
 * answer to `localhost:9000` is "Invalid URL" or "Invalid region", whatever the command.
 * @param option - the `--endpoint-url` option.
 * @throws UsageError when it is not an http:// or https:// URL with a host.
 */
export function checkEndpoint(option: string | undefined): void {
  const source = option ? '--endpoint-url' : ['AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL'].find(name => process.env[name]);
  const value = option || (source ? process.env[source] : undefined);
  if (!source || !value) {
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname) {
    return;
  }
  const example = value.includes('://') ? 'https://s3.example.com' : `http://${value}`;
  throw new UsageError(
    `${source} "${safeText(value)}" is not an http:// or https:// URL. Write the endpoint with its scheme, e.g. ${safeText(example)}.`,
    'InvalidEndpoint'
  );
}

/** One command's context. */
export class CliContext {
  readonly out: Output;
  /** The exit code a command that succeeded asks for (e.g. `helium pins` on drift); default 0. */
  exitCode?: number;
  private client?: S3Client;

  /**
   * @param options - the global options.
   * @param io - streams, the terminal prompt and the cancellation signal.
   */
  constructor(
    readonly options: GlobalOptions,
    readonly io: CliIo
  ) {
    this.out = new Output(io.stdout, io.stderr, Boolean(options.json));
  }

  /** Whether output is JSON. */
  get json(): boolean {
    return Boolean(this.options.json);
  }

  /** Cancelled on Ctrl-C. */
  get signal(): AbortSignal {
    return this.io.signal;
  }

  /** The S3 client, created on first use from `--endpoint-url`, `--region` and `--profile`. */
  get s3(): S3Client {
    if (!this.client) {
      if (this.options.profile) {
        // The SDK's default credential chain and region lookup read the profile from here; a
        // named profile also takes precedence over AWS_ACCESS_KEY_ID in that chain.
        process.env.AWS_PROFILE = this.options.profile;
      }
      checkEndpoint(this.options.endpointUrl);
      this.client = createNodeClient({
        ...(this.options.endpointUrl ? { endpoint: this.options.endpointUrl } : {}),
        ...(this.options.profile ? { profile: this.options.profile } : {}),
        ...(this.options.region ? { region: this.options.region } : {})
      });
    }
    return this.client;
  }

  /**
   * A progress display for a transfer: drawn on stderr when it is a terminal and not `--json`.
   * @param totalBytes - bytes to transfer.
   * @param totalFiles - files to transfer.
   * @returns the display.
   */
  progress(totalBytes: number, totalFiles: number): Progress {
    return new Progress({
      stream: this.io.stderr,
      enabled: Boolean(this.io.stderr.isTTY) && !this.json,
      totalBytes,
      totalFiles
    });
  }

  /** Whether a question can be asked (a terminal); when not, {@link confirm} answers undefined. */
  get canAsk(): boolean {
    return Boolean(this.io.ask);
  }

  /**
   * Ask a yes/no question on the terminal.
   * @param question - the question (`[y/N]` is added).
   * @returns true for yes; undefined when there is no terminal to ask on.
   */
  async confirm(question: string): Promise<boolean | undefined> {
    if (!this.io.ask) {
      return undefined;
    }
    const answer = await this.io.ask(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  }

  /** Release the client's connections. */
  dispose(): void {
    this.client?.destroy();
  }
}
