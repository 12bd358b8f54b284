/**
 * The `helium` command line: commands, global options, and how results and errors end (exit
 * codes 0 ok, 1 error, 2 usage, 130 cancelled). `run()` does not touch the process, so tests
 * and the entry point (main.ts) can both call it.
 */
import { Command, CommanderError, Option } from 'commander';
import { isHeliumError } from '../service/error-class';
import { cp, rm } from './cmd-rm';
import { diff, isObjectDiff } from './cmd-diff';
import { diffObjects } from './cmd-diff-objects';
import { snapshot, snapshots } from './cmd-snapshot';
import { get } from './cmd-get';
import { ls } from './cmd-ls';
import { put } from './cmd-put';
import { meta } from './cmd-meta';
import { restore, undelete } from './cmd-restore';
import { DEFAULT_RESTORE_DAYS } from '../service/archive-names';
import { unarchive } from './cmd-unarchive';
import { DIFF_TABLE_HELP, EXAMPLES } from './help-text';
import { versions } from './cmd-versions';
import { indexCommand } from './cmd-index';
import { searchCommand } from './cmd-search';
import { pinCommand } from './cmd-pin';
import { pins, pinsUpdate } from './cmd-pins';
import { tag, tags } from './cmd-tag';
import { doctor } from './cmd-doctor';
import { credentialsError } from './credentials-error';
import { CliContext, CliIo, GlobalOptions } from './context';
import { errorMessage, exitCodeFor, EXIT, toCliError, UsageError } from './errors';
import { safeText } from './output';

declare const HELIUM_VERSION: string | undefined;

/**
 * Commander's way to take a repeated option as a list (`--version A --version B`).
 * @param value - this occurrence.
 * @param previous - the earlier ones.
 * @returns all of them.
 */
const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** The version, put in by the bundler (scripts/build_cli.mjs). */
const VERSION = typeof HELIUM_VERSION === 'string' ? HELIUM_VERSION : '0.0.0-dev';

/**
 * The options every command accepts, before or after the command name.
 * @returns new Option objects (commander keeps per-command state in them).
 */
function globalOptions(): Option[] {
  return [
    new Option('--endpoint-url <url>', 'S3 endpoint (default: AWS_ENDPOINT_URL, else AWS)'),
    new Option('--region <region>', 'AWS region (default: AWS_REGION or the profile’s)'),
    new Option('--profile <name>', 'AWS profile from ~/.aws/config and ~/.aws/credentials'),
    new Option('--json', 'machine-readable output; errors as {"error": {...}} on stderr')
  ];
}

/**
 * Build the command tree.
 * @param io - streams, prompt and cancellation.
 * @param runCommand - runs a command's body with its context.
 * @returns the program.
 */
function buildProgram(io: CliIo, runCommand: (cmd: Command, body: (ctx: CliContext) => Promise<void>) => Promise<void>): Command {
  const program = new Command('helium')
    .description('Move data in and out of S3, with metadata and versions (the jupyterlab-helium command line).')
    .version(VERSION, '-V, --version', 'print the version of helium (before any command)')
    // Program options end at the command name, so that commands can have their own --version <id>;
    // each command also accepts the global options (hidden copies, see below).
    .enablePositionalOptions()
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: text => void io.stdout.write(text),
      writeErr: text => void io.stderr.write(text),
      // Errors are printed by run(), as text or as JSON.
      outputError: () => undefined
    });

  program
    .command('ls')
    .description('list buckets, or the folders and objects under s3://bucket/prefix')
    .argument('[uri]', 's3://bucket[/prefix]')
    .option('-r, --recursive', 'list every key under the prefix, not only one level')
    .action((uri: string | undefined, opts, cmd: Command) => runCommand(cmd, ctx => ls(ctx, uri, opts)));

  program
    .command('put')
    .description('upload a file to a key (or into a prefix ending in /), or a folder recursively')
    .argument('<source>', 'a local file or folder')
    .argument('<destination>', 's3://bucket/key, or s3://bucket/prefix/')
    .option('--meta <json>', 'metadata (a JSON object), stored in x-amz-meta-helium as user_meta')
    .option('--concurrency <n>', 'parts or files in flight (1-64; default: parts that fit in 128 MiB, 10 small files)')
    .action((source: string, destination: string, opts, cmd: Command) => runCommand(cmd, ctx => put(ctx, source, destination, opts)));

  program
    .command('get')
    .description('download an object (optionally ?versionId=…) to a file or folder, or a prefix/ into a folder')
    .argument('<source>', "s3://bucket/key, 's3://bucket/key?versionId=…', or s3://bucket/prefix/")
    .argument('<destination>', 'a local file or folder')
    .option('--concurrency <n>', 'streams or files in flight (1-64; default: up to 4 streams, added while they help; 10 small files)')
    .option('--version <id>', 'download this version of the object (like ?versionId= in the URI)')
    .option(
      '--snapshot <ref>',
      "download the versions a snapshot (a top hash or a tag) pinned; the URI is the file's (or folder's) address in the snapshotted folder"
    )
    .option('--package <name>', 'with a --snapshot tag: the package whose tag it is (when the folder has several)')
    .action((source: string, destination: string, opts, cmd: Command) => runCommand(cmd, ctx => get(ctx, source, destination, opts)));

  program
    .command('rm')
    .description('delete an object (or, with --recursive, everything under a prefix); asks first on a terminal')
    .argument('<uri>', "s3://bucket/key, 's3://bucket/key?versionId=…' (that version, for good), or s3://bucket/prefix/")
    .option('-r, --recursive', 'delete every object under the prefix')
    .option('-y, --yes', 'do not ask for confirmation (required with --version)')
    .option('--version <id>', 'delete this one version PERMANENTLY (needs --yes); the other versions stay')
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => rm(ctx, uri, opts)));

  program
    .command('versions')
    .description('list every version and delete marker of an object, newest first')
    .argument('<uri>', 's3://bucket/key')
    .action((uri: string, _opts, cmd: Command) => runCommand(cmd, ctx => versions(ctx, uri)));

  program
    .command('restore')
    .description(
      'copy an old version on top of the object (a new current version), or bring a folder back to a snapshot (new versions and delete markers); nothing is deleted'
    )
    .argument('<uri>', "s3://bucket/key (or 's3://bucket/key?versionId=…'), or s3://bucket/folder/ with --snapshot")
    .option('--version <id>', 'the version of the object to bring back (see helium versions)')
    .option('--snapshot <ref>', "the folder's snapshot to bring back: a top hash (6+ hex), a tag name, or latest")
    .option('--package <ns/name>', 'with --snapshot: the package whose tag or latest is meant (when the folder has several)')
    .option('--dry-run', 'with --snapshot: print what the restore would do, write nothing')
    .option('-y, --yes', 'with --snapshot: restore without asking (needed when not on a terminal)')
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => restore(ctx, uri, opts)));

  program
    .command('undelete')
    .description('bring a deleted object back: remove the delete marker on top of its versions')
    .argument('<uri>', 's3://bucket/key')
    .action((uri: string, _opts, cmd: Command) => runCommand(cmd, ctx => undelete(ctx, uri)));

  program
    .command('unarchive')
    .description('ask S3 for a restored copy of archived objects (Glacier, Deep Archive), readable for --days; nothing is written')
    .argument('<uri>', "s3://bucket/key (or 's3://bucket/key?versionId=…'), or a prefix/ with --recursive")
    .option('--days <n>', `days to keep the restored copy (default ${DEFAULT_RESTORE_DAYS}; not used by Intelligent-Tiering)`)
    .option('--tier <tier>', 'Expedited (minutes), Standard (hours; the default) or Bulk (cheapest)')
    .option('-r, --recursive', 'every archived object under the prefix')
    .option('--version <id>', 'the version to restore')
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => unarchive(ctx, uri, opts)));

  program
    .command('meta')
    .description("show an object's metadata (T4 x-amz-meta-helium, other user metadata, content type, checksum), or replace its user_meta")
    .argument('<uri>', "s3://bucket/key (or 's3://bucket/key?versionId=…')")
    .option('--version <id>', 'the version to show; with --set, only the current one unless --restore is given')
    .option('--set <json>', 'replace T4 user_meta with this JSON object: writes a NEW version (content and other metadata kept)')
    .option(
      '--restore',
      "with --set --version of an older version: also bring back that version's content (a restore and new metadata in one new version)"
    )
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => meta(ctx, uri, opts)));

  program
    .command('snapshot')
    .description('snapshot a folder as a Quilt package (the current version of every object, pinned); prints its top hash')
    .argument('<uri>', 's3://bucket/folder/')
    .requiredOption('-m, --message <text>', 'what this snapshot is (quilt3’s commit message)')
    .option('--name <ns/name>', 'the package name (default: from the folder, e.g. team/hurdat for team/hurdat/)')
    .option('--meta <json>', 'package metadata, a JSON object (the manifest’s user_meta)')
    .option('--notebook <file>', 'record lineage: the notebook’s path, SHA-256 and pins, in user_meta.helium.lineage')
    .option(
      '--workflow <id>',
      "the bucket's Quilt workflow whose checks the snapshot must pass (default: the config's default_workflow); '' or none for no workflow, where none is required"
    )
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => snapshot(ctx, uri, opts)));

  program
    .command('snapshots')
    .description('list the snapshots of a folder (and of folders containing it), newest first')
    .argument('<uri>', 's3://bucket/folder/ (s3://bucket/ --inner: every snapshot in the bucket)')
    .option('--inner', 'also list snapshots of folders inside this one')
    .action((uri: string, opts, cmd: Command) => runCommand(cmd, ctx => snapshots(ctx, uri, opts)));

  program
    .command('diff')
    .description(
      'compare two versions of an object (what its last write changed by default), two objects, or two snapshots of a folder (or one and the live folder: latest)'
    )
    .argument('<uri>', 's3://bucket/key (an object), or s3://bucket or s3://bucket/folder/ (snapshots; the same as --folder)')
    .argument('[left]', 'snapshots: the older side, a top hash (6+ hex characters), a tag or latest; objects: a second object URI')
    .argument('[right]', 'snapshots: the newer side, a top hash, a tag or latest (the live folder)')
    .option('--version <id>', 'an object: this version against the current one; twice: the older and the newer version', collect, [])
    .option('-U, --context <lines>', 'an object: lines of context around each change (default 3)')
    .option('--table', 'an object: a table diff (rows and cells) for CSV/TSV too; Parquet and Arrow get one anyway')
    .option(
      '--key <columns>',
      'a table: the column(s) that identify a row (repeat it or separate with commas for a composite key; implies --table); default: an id column unique on both sides, else by position',
      collect,
      []
    )
    .option('--rows <n>', 'a table: changed rows to list (default 20, 0 for counts only)')
    .addHelpText('after', DIFF_TABLE_HELP)
    .option('--folder <prefix>', "snapshots: the live folder for latest (default: the other snapshot's folder)")
    .option('--same', 'snapshots: also list the files that did not change')
    .option('--package <name>', 'snapshots: the package whose tag a side names (when the folder has several)')
    .action((uri: string, left: string | undefined, right: string | undefined, opts, cmd: Command) =>
      runCommand(cmd, ctx =>
        isObjectDiff(uri, left, opts.version) ? diffObjects(ctx, uri, left, opts) : diff(ctx, uri, left, right, opts)
      )
    );

  program
    .command('cp')
    .description('copy an object (or one of its versions) within S3, server-side')
    .argument('<source>', "s3://bucket/key or 's3://bucket/key?versionId=…'")
    .argument('<destination>', 's3://bucket/key, or s3://bucket/prefix/')
    .action((source: string, destination: string, _opts, cmd: Command) => runCommand(cmd, ctx => cp(ctx, source, destination)));

  program
    .command('index')
    .description("build or refresh the bucket's local search index (only new or changed objects are read)")
    .argument('<uri>', 's3://bucket, or s3://bucket/prefix/')
    .option('--to-opensearch <url>', "keep the index in this OpenSearch cluster instead (Quilt's layout; default $HELIUM_OPENSEARCH_URL)")
    .option('--aws-sigv4', 'sign OpenSearch requests with your AWS credentials (AWS OpenSearch Service)')
    .option('--content', 'also index the first 100 KB of text-like objects (one ranged GET each; remembered for this index)')
    .option('--no-content', 'stop indexing contents (remembered for this index)')
    .action((uri: string, opts: { toOpensearch?: string; awsSigv4?: boolean; content?: boolean }, cmd: Command) =>
      runCommand(cmd, ctx =>
        indexCommand(ctx, uri, { opensearch: opts.toOpensearch, awsSigv4: opts.awsSigv4 }, { indexContent: opts.content })
      )
    );

  program
    .command('search')
    .description("search the bucket's local index (helium index builds it): Elasticsearch query_string syntax")
    .argument('<query>', "e.g. 'user_meta.ocean:atlantic AND ext:.csv', 'size:>=1000000', 'message:storm'")
    .argument('<uri>', 's3://bucket, or s3://bucket/prefix/ to search only under it')
    .option('--limit <n>', 'the most hits to show (default 100)')
    .option('--opensearch <url>', "search this OpenSearch cluster instead (Quilt's layout; default $HELIUM_OPENSEARCH_URL)")
    .option('--aws-sigv4', 'sign OpenSearch requests with your AWS credentials (AWS OpenSearch Service)')
    .action((query: string, uri: string, opts, cmd: Command) => runCommand(cmd, ctx => searchCommand(ctx, query, uri, opts)));

  program
    .command('pin')
    .description("pin data to a notebook (metadata.helium.pins): a folder's snapshot (latest, a top hash or a tag), or one file's version")
    .argument('<notebook>', 'a .ipynb file (written atomically; other pins and cells are kept)')
    .argument('<uri>', "s3://bucket/folder/ (a snapshot of it) or s3://bucket/key (one version: 's3://bucket/key?versionId=…')")
    .argument('[hash]', 'a folder: the snapshot to pin, a top hash (6+ hex characters); default: latest')
    .option('--package <ns/name>', "a folder: the package (default: the folder's only one)")
    .option('--tag <name>', 'a folder: pin the snapshot this tag names, and follow the tag')
    .option('--snapshot', 'a folder: snapshot it first when it changed since its latest snapshot')
    .option('-m, --message <text>', 'with --snapshot: the new snapshot’s message')
    .option('--workflow <id>', "with --snapshot: the bucket's Quilt workflow (default: its default_workflow; '' or none: no workflow)")
    .option('--version <id>', 'a file: the version to pin (default: the current one)')
    .option('--name <name>', "the pin's name (default: the package, or the file's name); a pin of that name is replaced")
    .action((notebook: string, uri: string, hash: string | undefined, opts, cmd: Command) =>
      runCommand(cmd, ctx => pinCommand(ctx, notebook, uri, hash, opts))
    );

  const pinsCommand = program
    .command('pins')
    .description(
      "list a notebook's pins (metadata.helium.pins) and their status: exit 0 in sync, 3 changed, 4 missing, 5 error, 6 malformed"
    )
    .argument('<notebook>', 'a .ipynb file')
    .action((notebook: string, _opts, cmd: Command) => runCommand(cmd, ctx => pins(ctx, notebook)));
  pinsCommand
    .command('update')
    .description('re-lock pins to what they follow (latest or a tag); writes the notebook only when a pin changed')
    .argument('<notebook>', 'a .ipynb file')
    .option('--pin <name>', 'only this pin')
    .action((notebook: string, opts, cmd: Command) => runCommand(cmd, ctx => pinsUpdate(ctx, notebook, opts)));

  program
    .command('tag')
    .description("name a snapshot of a folder's package (a tag pins can follow); moving an existing tag needs --move")
    .argument('<uri>', 's3://bucket/folder/ (the snapshotted folder)')
    .argument('<hash>', 'the snapshot: a top hash (6+ hex characters)')
    .argument('<name>', 'the tag, e.g. q3-release')
    .option('--package <ns/name>', 'the package (default: the one of the folder holding that snapshot)')
    .option('--move', 'move the tag when it names another snapshot (its history is kept)')
    .option('-m, --message <text>', 'why (kept in the tag’s history)')
    .action((uri: string, hash: string, name: string, opts, cmd: Command) => runCommand(cmd, ctx => tag(ctx, uri, hash, name, opts)));

  program
    .command('tags')
    .description("list the tags of a folder's packages, or one tag's history")
    .argument('<uri>', 's3://bucket/folder/')
    .argument('[name]', 'a tag: show its history')
    .option('--package <ns/name>', 'the package (default: every package of the folder)')
    .action((uri: string, name: string | undefined, opts, cmd: Command) => runCommand(cmd, ctx => tags(ctx, uri, name, opts)));

  program
    .command('doctor')
    .description('check the connection: credentials, endpoint, clock, buckets, versioning, permissions (reads only; exit 1 on a problem)')
    .option('--bucket <name...>', 'buckets to check (default: HELIUM_BUCKETS, else every bucket ListBuckets gives, up to 10)')
    .action((opts, cmd: Command) => runCommand(cmd, ctx => doctor(ctx, opts)));

  for (const option of globalOptions()) {
    program.addOption(option);
  }
  const subcommands = (cmd: Command): Command[] => cmd.commands.flatMap(sub => [sub, ...subcommands(sub)]);
  for (const sub of subcommands(program)) {
    sub.exitOverride().configureOutput(program.configureOutput()).configureHelp({ showGlobalOptions: true });
    for (const option of globalOptions()) {
      // Accepted after the command too (`helium ls s3://b/ --json`); listed once, under Global Options.
      sub.addOption(option.hideHelp());
    }
  }
  return program;
}

/**
 * Report an error on stderr: its message, or `{"error": {"kind", "message", "code"}}` with
 * `--json`; a stack trace only with HELIUM_DEBUG=1.
 * @param io - the streams.
 * @param err - the error.
 * @param json - whether to write JSON.
 * @param original - what was thrown, for the stack trace.
 */
function reportError(io: CliIo, err: ReturnType<typeof toCliError>, json: boolean, original: unknown): void {
  const message = errorMessage(err);
  if (json) {
    const body: Record<string, unknown> = { kind: err.kind, message };
    if (err.code) {
      body.code = err.code;
    }
    io.stderr.write(`${JSON.stringify({ error: body })}\n`);
  } else {
    // Messages quote keys and metadata, which may hold control characters: never raw to a terminal.
    io.stderr.write(`helium: ${safeText(message)}\n`);
  }
  if (process.env.HELIUM_DEBUG === '1' || process.env.HELIUM_DEBUG === 'true') {
    let e: unknown = original;
    while (e) {
      io.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      e = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
      if (e) {
        io.stderr.write('Caused by: ');
      }
    }
  }
}

/**
 * The text with its first letter in upper case.
 * @param text - a sentence.
 * @returns the sentence, capitalized.
 */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Run the command line.
 * @param argv - the arguments after `node helium.cjs` (e.g. `['ls', 's3://b/']`).
 * @param io - streams, prompt and cancellation.
 * @returns the exit code.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  let json = argv.includes('--json');
  let exitCode: number = EXIT.ok;
  const runCommand = async (cmd: Command, body: (ctx: CliContext) => Promise<void>): Promise<void> => {
    const options = cmd.optsWithGlobals<GlobalOptions>();
    json = Boolean(options.json);
    const ctx = new CliContext(options, io);
    try {
      await body(ctx);
      exitCode = ctx.exitCode ?? EXIT.ok;
    } catch (err) {
      if (isHeliumError(err, 'Credentials')) {
        throw credentialsError(err, options.profile ?? process.env.AWS_PROFILE, Boolean(options.profile));
      }
      throw err;
    } finally {
      ctx.dispose();
    }
  };
  const program = buildProgram(io, runCommand);
  if (argv.length === 0) {
    io.stderr.write(program.helpInformation());
    return EXIT.usage;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.signal.aborted ? EXIT.cancelled : exitCode;
  } catch (thrown) {
    if (thrown instanceof CommanderError) {
      if (thrown.code === 'commander.helpDisplayed' || thrown.code === 'commander.version' || thrown.code === 'commander.help') {
        return EXIT.ok;
      }
      const usage = new UsageError(
        `${capitalize(thrown.message.replace(/^error: /, '').replace(/\.?$/, '.'))} Run "helium --help" for usage.`,
        thrown.code
      );
      reportError(io, usage, json, thrown);
      return EXIT.usage;
    }
    const err = toCliError(thrown);
    reportError(io, err, json, thrown);
    return exitCodeFor(err, io.signal.aborted);
  }
}
