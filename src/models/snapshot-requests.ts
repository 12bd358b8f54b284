/**
 * Every request the snapshots UI makes, in one place: list a folder's snapshots, take one, diff
 * two sides, plan and apply a restore; and what the dialogs and tabs need from the engine (the
 * default package name and the form's rules, the quilt3 snippet, where a manifest entry lives).
 * The engine is loaded on first use through `engine.ts`; writes tell every view of the bucket.
 */
import type { IHeliumConnections } from '../tokens';
import type { ManifestEntry, SnapshotDiff, SnapshotInfo } from '../service/snapshots/types';
import { quiltSnippet } from '../service/snapshots/snippet';
import { IRestoreSummary, restoreSummary } from '../service/snapshots/restore-summary';
import type { Lineage } from '../service/pins/lineage';
import type { SetTagResult, TagRecord } from '../service/pins/tags';
import { validateTagName } from '../service/pins/tag-keys';
import { loadEngine, loadPinsEngine, loadSnapshotsEngine, SnapshotsEngine } from './engine';
import type { ISnapshotTarget } from './snapshot-target';
import type { WorkflowChoices } from '../service/snapshots/workflow-config';

/** Options of a snapshot: all but the folder, which the target names. */
export type SnapshotRunOptions = Omit<Parameters<SnapshotsEngine['snapshot']>[1], 'bucket' | 'folder'>;
/** What a snapshot wrote. */
export type SnapshotRunResult = Awaited<ReturnType<SnapshotsEngine['snapshot']>>;
/** What restoring a folder would do. */
export type RestorePlan = Awaited<ReturnType<SnapshotsEngine['planRestore']>>;
/** What a restore did. */
export type RestoreFolderResult = Awaited<ReturnType<SnapshotsEngine['restoreFolder']>>;
/** Where a manifest entry's object lives (bucket, key, version). */
export type EntryLocation = ReturnType<SnapshotsEngine['requirePhysicalKey']>;
/** Package metadata as parsed for a snapshot (lossless numbers). */
export type SnapshotMeta = ReturnType<SnapshotsEngine['parseLosslessJson']>;

/** Cancel signal and progress of long work. */
export interface IWorkOptions {
  signal?: AbortSignal;
  onProgress?: (progress: unknown) => void;
}

/** The connection and bucket a request is for. */
export interface IBucketRef {
  connection: string;
  bucket: string;
}

/** What the "Snapshot Folder…" form checks as the user types, and how it reads the metadata. */
export interface ISnapshotFormRules {
  /** The package name the form starts with, made from the bucket and folder. */
  defaultName: string;
  /** What is wrong with a package name, or null. */
  name(name: string): string | null;
  /** What is wrong with metadata typed as JSON, or null. */
  meta(text: string): string | null;
  /** Metadata as typed, parsed losslessly (numbers stay as written: 1.0); undefined when blank. */
  parseMeta(text: string): SnapshotMeta | undefined;
}

/** A registry's Quilt workflows, for the "Snapshot Folder…" form. */
export interface ISnapshotWorkflows extends WorkflowChoices {
  /** What is wrong with a package name under a workflow (its handle_pattern), or null. */
  nameProblem(name: string, workflow: string | null): string | null;
}

/** Where snapshots are recorded: only writes under it can change a listing. */
export const REGISTRY_PREFIX = '.quilt/';

/** The snapshot requests of the UI (see the file's header). */
export class SnapshotRequests {
  constructor(private readonly _connections: IHeliumConnections) {}

  /**
   * The snapshots of a folder (and of folders containing it; of folders inside it too when
   * asked), newest first.
   * @param target - the folder.
   * @param options - `includeInner`, `fresh` (bypass the short-lived pointer cache), cancel signal.
   * @returns the snapshots.
   */
  async list(target: ISnapshotTarget, options: { includeInner: boolean; fresh: boolean; signal?: AbortSignal }): Promise<SnapshotInfo[]> {
    const { lib, s3 } = await this._use(target);
    return lib.listSnapshots(s3, {
      bucket: target.bucket,
      folder: target.folder,
      includeInner: options.includeInner,
      refresh: options.fresh,
      signal: options.signal
    });
  }

  /**
   * Snapshot a folder: a new Quilt package revision of every current object under it.
   * @param target - the folder the user confirmed.
   * @param options - message, package name, metadata, cancel signal and progress.
   * @returns what was written.
   */
  async snapshot(target: ISnapshotTarget, options: SnapshotRunOptions): Promise<SnapshotRunResult> {
    const { lib, s3 } = await this._use(target);
    const result = await lib.snapshot(s3, { ...options, bucket: target.bucket, folder: target.folder });
    // The manifest and pointers live under `.quilt/`; tell every view of this bucket.
    this._connections.notifyChanged({ connection: target.connection, bucket: target.bucket, key: REGISTRY_PREFIX, type: 'put' });
    return result;
  }

  /**
   * Diff two sides: snapshots or the live folder.
   * @param target - the connection and bucket.
   * @param folder - the live side's folder; undefined to use the snapshot's own folder.
   * @param left - the older side: a top hash or `LIVE`.
   * @param right - the newer side.
   * @param options - cancel signal and progress.
   * @returns the diff (every file listed, unchanged ones too).
   */
  async diff(
    target: IBucketRef,
    folder: string | undefined,
    left: string,
    right: string,
    options: IWorkOptions = {}
  ): Promise<SnapshotDiff> {
    const { lib, s3 } = await this._use(target);
    return lib.diffSnapshots(s3, {
      bucket: target.bucket,
      folder,
      left,
      right,
      includeSame: true,
      signal: options.signal,
      onProgress: options.onProgress
    });
  }

  /**
   * What restoring a folder to a snapshot would do (nothing is written).
   * @param target - the connection and bucket.
   * @param topHash - the snapshot.
   * @param folder - the folder to restore; the snapshot's own folder when undefined.
   * @param options - cancel signal and progress.
   * @returns the plan (its `folder` is the folder it restores).
   */
  async planRestore(target: IBucketRef, topHash: string, folder: string | undefined, options: IWorkOptions = {}): Promise<RestorePlan> {
    const { lib, s3 } = await this._use(target);
    return lib.planRestore(s3, { bucket: target.bucket, topHash, folder, signal: options.signal, onProgress: options.onProgress });
  }

  /**
   * Apply a restore plan; every view of the folder is told, also after a failure or cancel
   * part-way (some objects may have changed).
   * @param target - the folder the plan is for.
   * @param plan - the plan the user saw and accepted.
   * @param options - cancel signal and progress.
   * @returns what the engine reports.
   */
  async restore(target: ISnapshotTarget, plan: RestorePlan, options: IWorkOptions = {}): Promise<RestoreFolderResult> {
    const { lib, s3 } = await this._use(target);
    try {
      return await lib.restoreFolder(s3, plan, { signal: options.signal, onProgress: options.onProgress });
    } finally {
      this._connections.notifyChanged({ connection: target.connection, bucket: target.bucket, key: target.folder, type: 'folder' });
    }
  }

  /**
   * The counts of a restore plan, for the question the user answers before restoring.
   * @param plan - the plan.
   * @returns files copied back (and why), files that get a delete marker, bytes copied.
   */
  summarize(plan: Pick<RestorePlan, 'actions'>): IRestoreSummary {
    return restoreSummary(plan.actions);
  }

  /**
   * The rules of the "Snapshot Folder…" form for a folder.
   * @param target - the folder.
   * @returns its default package name, the checks and the metadata parser.
   */
  async formRules(target: { bucket: string; folder: string }): Promise<ISnapshotFormRules> {
    const [lib, engine] = await Promise.all([this._engine(), loadEngine()]);
    return {
      defaultName: lib.defaultPackageName(target.bucket, target.folder),
      name: name => lib.validatePackageName(name),
      meta: text => {
        const parsed = engine.parseMetadataJson(text);
        return 'error' in parsed ? parsed.error : null;
      },
      // Checked by `meta` as typed; kept lossless so numbers stay as written (1.0).
      parseMeta: text => (text.trim() ? lib.parseLosslessJson(text) : undefined)
    };
  }

  /**
   * The Quilt workflows a snapshot in a bucket may pass (its `.quilt/workflows/config.yml`).
   * @param target - the connection and bucket.
   * @returns undefined when the bucket has no workflows config.
   * @throws what reading it throws: a config quilt3 would not load is `InvalidInput`.
   */
  async workflows(target: IBucketRef): Promise<ISnapshotWorkflows | undefined> {
    const { lib, s3 } = await this._use(target);
    const config = await lib.readWorkflowConfig(s3, target.bucket);
    if (config === undefined) {
      return undefined;
    }
    const choices = lib.workflowChoices(config);
    const patterns = new Map<string, RegExp>();
    for (const w of choices.workflows) {
      try {
        if (w.handlePattern) {
          patterns.set(w.id, lib.pythonRegExp(w.handlePattern));
        }
      } catch {
        // The snapshot itself says what is wrong with the pattern.
      }
    }
    return {
      ...choices,
      nameProblem: (name, workflow) => {
        const pattern = workflow === null ? undefined : patterns.get(workflow);
        return pattern && !pattern.test(name)
          ? `The workflow "${workflow}" needs a name matching ${JSON.stringify(choices.workflows.find(w => w.id === workflow)?.handlePattern)}.`
          : null;
      }
    };
  }

  /**
   * The default package name of a folder (`team/data` for `team/data/`).
   * @param target - the bucket and folder.
   * @returns the name.
   */
  async defaultPackageName(target: { bucket: string; folder: string }): Promise<string> {
    return (await this._engine()).defaultPackageName(target.bucket, target.folder);
  }

  /**
   * Python that opens a snapshot with quilt3, naming the connection's endpoint when it is not
   * AWS (never a credential).
   * @param connection - the connection the snapshot was listed on.
   * @param snapshot - the package's name, bucket and top hash.
   * @returns the code.
   */
  async quiltSnippet(connection: string, snapshot: { name: string; bucket: string; topHash: string }): Promise<string> {
    let info: { endpoint?: string; region?: string } | undefined;
    try {
      info = (await this._connections.list()).find(c => c.name === connection);
    } catch {
      // Without the connection's details the snippet is AWS's: still useful, and still correct there.
      info = undefined;
    }
    return quiltSnippet({ ...snapshot, endpoint: info?.endpoint, region: info?.region });
  }

  /**
   * The lineage a snapshot records (the notebook it was taken from and that notebook's pins).
   * @param target - the connection and bucket.
   * @param topHash - the snapshot.
   * @param signal - cancels the read.
   * @returns the lineage, or undefined when it records none.
   */
  async lineage(target: IBucketRef, topHash: string, signal?: AbortSignal): Promise<Lineage | undefined> {
    const [lib, s3] = await Promise.all([loadPinsEngine(), this._connections.client(target.connection)]);
    return lib.readSnapshotLineage(s3, target.bucket, topHash, signal);
  }

  /**
   * Every tag of a package (one request per package, whatever the number of rows).
   * @param target - the connection and bucket.
   * @param pkg - the package, `namespace/name`.
   * @param signal - cancels the reads.
   * @returns the tags, sorted by name.
   */
  async listTags(target: IBucketRef, pkg: string, signal?: AbortSignal): Promise<TagRecord[]> {
    const [lib, s3] = await Promise.all([loadPinsEngine(), this._connections.client(target.connection)]);
    return lib.listTags(s3, target.bucket, pkg, signal);
  }

  /**
   * Name a snapshot with a tag. A tag naming another snapshot moves only with `move: true`
   * (its history keeps every step); without it the engine refuses (`Conflict`, code `TagExists`).
   * @param target - the connection and bucket.
   * @param options - the package, tag, top hash, message and whether to move.
   * @returns what was written.
   */
  async setTag(
    target: IBucketRef,
    options: { package: string; tag: string; topHash: string; message?: string | null; move?: boolean }
  ): Promise<SetTagResult> {
    const [lib, s3] = await Promise.all([loadPinsEngine(), this._connections.client(target.connection)]);
    const result = await lib.setTag(s3, { ...options, bucket: target.bucket });
    if (result.action !== 'unchanged') {
      this._connections.notifyChanged({ connection: target.connection, bucket: target.bucket, key: REGISTRY_PREFIX, type: 'put' });
    }
    return result;
  }

  /**
   * What is wrong with a tag name, as the engine checks it (for the dialog, as typed).
   * @param tag - the name.
   * @returns the message, or null when it is a valid tag name.
   */
  tagNameProblem(tag: string): string | null {
    return validateTagName(tag);
  }

  /**
   * Where a manifest entry's object lives.
   * @param entry - the entry.
   * @returns its bucket, key and version; throws the engine's message for keys that are not S3
   *   objects (quilt3's `file://`).
   */
  async locate(entry: Pick<ManifestEntry, 'physical_keys'>): Promise<EntryLocation> {
    return (await this._engine()).requirePhysicalKey(entry.physical_keys[0] ?? '');
  }

  private async _engine(): Promise<SnapshotsEngine> {
    // Kept once loaded, so later requests start without waiting a turn for the loader.
    return (this._lib ??= await loadSnapshotsEngine());
  }

  private async _use(target: { connection: string }) {
    const lib = this._lib ?? (await this._engine());
    const s3 = await this._connections.client(target.connection);
    return { lib, s3 };
  }

  private _lib: SnapshotsEngine | null = null;
}
