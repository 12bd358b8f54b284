/**
 * The logic of the S3 panel's commands (open, copy S3 URI, delete, new folder, go to S3 URI), apart
 * from JupyterLab's dialogs: each takes the browser model and an {@link IPanelUi} (ask, tell, run a job), so specs
 * run it against a real S3 with scripted answers. `panel-ui.ts` gives the dialogs the panel uses.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { DRIVE_NAME, IHeliumConnections, IS3BrowserModel } from '../tokens';
import { documentPathProblem, drivePath } from '../drive/paths';
import type { IMoveJob } from '../models/move-job';
import { newKeyProblem } from '../models/new-keys';
import type { MoveResult } from '../service/move';
import type { Entry } from '../service';
import { displayKey, formatS3Uri, parseS3Uri } from '../service/uri';
import { tableFormatFor } from '../service/diff/table-kind';
import { isArchiveClass } from '../service/archive-names';

/**
 * CSV and TSV objects larger than this open as a preview of their first rows in the table viewer
 * (read by one ranged GET) rather than in JupyterLab's CSV viewer, which loads the whole text.
 */
export const CSV_PREVIEW_ABOVE = 64 * 1024 * 1024;

/** What the commands ask of the person, and how they show a job. */
export interface IPanelUi {
  /**
   * Asks to go ahead.
   * @returns true when the person accepted.
   */
  confirm(options: { title: string; body: string; accept: string; warn?: boolean }): Promise<boolean>;
  /**
   * Asks for a line of text.
   * @returns what was typed, or null when cancelled.
   */
  askText(options: { title: string; label: string; placeholder?: string; text?: string }): Promise<string | null>;
  /**
   * Asks where to put something: a connection and a folder in it.
   * @returns the answer, or null when cancelled.
   */
  askDestination(options: {
    title: string;
    connections: string[];
    current: string;
  }): Promise<{ connection: string; folder: string } | null>;
  /** Tells the person something went wrong (and what to do). */
  error(title: string, message: string): Promise<void>;
  /** Runs a move or copy as a job people can follow and cancel. */
  runJob(job: IMoveJob): Promise<MoveResult>;
}

/** What the panel's command logic works with. */
export interface IPanelActionsContext {
  /** The panel's model: where it is and what is selected. */
  model: IS3BrowserModel;
  /** The connections (clients by name; told what changed). */
  connections: IHeliumConnections;
  /** Dialogs and jobs. */
  ui: IPanelUi;
  /** The translation bundle. */
  trans: TranslationBundle;
}

/**
 * *Delete…*: deletes the selected object after saying what happens to it (a delete marker in a
 * versioned bucket, gone for good otherwise). Folders are not deleted here.
 * @param context - model, connections, UI and translations.
 * @returns whether the object was deleted.
 */
export async function deleteSelected({ model, ui, trans }: IPanelActionsContext): Promise<boolean> {
  const entry = model.selected;
  const { connection, bucket } = model;
  if (entry?.kind !== 'object' || !connection || !bucket) {
    return false;
  }
  const versioning = (await model.versioning(bucket)) ?? 'Unknown';
  const consequence =
    versioning === 'Enabled'
      ? trans.__('The bucket is versioned: a delete marker hides the object and its versions are kept.')
      : versioning === 'Unknown'
        ? trans.__('Could not tell whether the bucket keeps versions: the object may be gone for good.')
        : trans.__('The bucket is NOT versioned: the object will be gone for good.');
  const accepted = await ui.confirm({
    title: trans.__('Delete %1?', displayKey(entry.name)),
    body: `${formatS3Uri({ bucket, key: entry.key })}\n\n${consequence}`,
    accept: trans.__('Delete'),
    warn: true
  });
  if (!accepted) {
    return false;
  }
  try {
    await model.deleteObject({ connection, bucket, key: entry.key });
    return true;
  } catch (err) {
    await ui.error(trans.__('Could not delete %1', displayKey(entry.name)), (err as Error).message);
    return false;
  }
}

/**
 * *New Folder…*: asks for a name and creates the folder in the folder on screen. A name S3 or
 * JupyterLab would mangle is refused with the reason, and nothing is written.
 * @param context - model, connections, UI and translations.
 * @returns the new folder's prefix, or null when none was created.
 */
export async function newFolder({ model, ui, trans }: IPanelActionsContext): Promise<string | null> {
  const { connection, bucket } = model;
  if (!connection || !bucket) {
    return null;
  }
  const here = { bucket, prefix: model.prefix };
  const typed = await ui.askText({
    title: trans.__('New folder in %1', formatS3Uri({ bucket, key: here.prefix })),
    label: trans.__('Folder name'),
    placeholder: 'data'
  });
  const name = typed?.trim();
  if (!name) {
    return null;
  }
  const problem = newKeyProblem(here, name, 'folder', trans);
  if (problem) {
    await ui.error(trans.__('Invalid folder name'), problem);
    return null;
  }
  const prefix = `${here.prefix}${name}/`;
  try {
    await model.createFolder({ connection, bucket, prefix });
    return prefix;
  } catch (err) {
    await ui.error(trans.__('Could not create the folder'), (err as Error).message);
    return null;
  }
}

/**
 * *Go to S3 URI…*: opens the bucket and folder of an `s3://bucket/key` in the panel and selects the
 * object (or the folder, for a URI ending in `/`). Asks for the URI when none is given; a URI
 * `parseS3Uri` refuses, or one with nothing at it, is said (the folder stays open).
 * @param context - model, UI and translations.
 * @param args - `uri` (else it asks) and `connection` (else the panel's).
 * @param showPanel - brings the panel into view, once the URI is known to be readable.
 * @returns the row selected, or null.
 */
export async function goToUri(
  { model, ui, trans }: IPanelActionsContext,
  args: { uri?: string; connection?: string },
  showPanel: () => void
): Promise<Entry | null> {
  let text = args.uri;
  if (text === undefined) {
    const typed = await ui.askText({
      title: trans.__('Go to S3 URI'),
      label: trans.__('An S3 URI, e.g. s3://my-bucket/data/file.csv (a folder ends in /)'),
      placeholder: 's3://bucket/key'
    });
    if (!typed?.trim()) {
      return null;
    }
    text = typed;
  }
  let location: ReturnType<typeof parseS3Uri>;
  try {
    location = parseS3Uri(text);
  } catch (err) {
    await ui.error(trans.__('Cannot go to this URI'), (err as Error).message);
    return null;
  }
  showPanel();
  // The panel lists nothing until first shown: wait for its connections.
  await model.whenInitialized();
  if (args.connection !== undefined && args.connection !== model.connection) {
    await model.setConnection(args.connection);
  }
  if (!model.connection) {
    await ui.error(trans.__('Cannot go to this URI'), trans.__('No S3 connection is open in the panel.'));
    return null;
  }
  const entry = await model.reveal(location.bucket, location.key);
  if (!entry && location.key && !model.error) {
    await ui.error(
      trans.__('Nothing at this URI'),
      trans.__(
        'There is no object or folder %1 in %2 on connection %3: its folder is open instead.',
        displayKey(location.key),
        formatS3Uri({ bucket: location.bucket, key: model.prefix }),
        model.connection
      )
    );
  }
  return entry;
}

/** What opening a row needs besides the model (JupyterLab's document manager and dialogs). */
export interface IOpenCallbacks {
  /**
   * Opens (or reveals) a document of the `s3:` drive by its path.
   * @param path - the document's path.
   * @param asTable - open it in the table viewer (a large CSV/TSV: its first rows) rather than
   *   with its file type's default.
   */
  openDocument(path: string, asTable?: boolean): void;
  /**
   * Says JupyterLab cannot open the key as a document, and offers a download instead.
   * @returns true when the person picked Download.
   */
  offerDownload(name: string, problem: string): Promise<boolean>;
  /** Downloads the selected object to the computer. */
  download(): Promise<void>;
  /**
   * Why an archived object cannot be opened now (see models/archive-restore.ts), or null.
   * Asked only for rows the listing says are archived.
   */
  archivedProblem?(entry: Entry): Promise<{ message: string; canRestore: boolean } | null>;
  /**
   * Says why an archived object cannot open, and offers to restore it.
   * @returns true when the person asked for the restore.
   */
  offerRestore?(name: string, problem: { message: string; canRestore: boolean }): Promise<boolean>;
  /** Runs *Restore from Archive…* on the selected object. */
  restore?(): Promise<void>;
}

/**
 * *Open*: a folder opens in the panel; an object opens as a document of the `s3:` drive, unless
 * JupyterLab would rewrite its path (`.`, `..` or empty segments) and so open another object:
 * then that is said and a download offered instead. A CSV or TSV object over
 * {@link CSV_PREVIEW_ABOVE} opens in the table viewer, which reads only its first rows. An archived
 * object with no restored copy yet does not open: *Restore from Archive…* is offered.
 * @param model - the panel's model.
 * @param entry - the row.
 * @param callbacks - opening documents, offering and running a download.
 * @param trans - translations.
 * @returns what happened.
 */
export async function openEntry(
  model: IS3BrowserModel,
  entry: Entry,
  callbacks: IOpenCallbacks,
  trans: TranslationBundle
): Promise<'folder' | 'document' | 'download' | 'nothing'> {
  if (entry.kind === 'folder') {
    await model.cd(entry.prefix);
    return 'folder';
  }
  const problem = documentPathProblem(entry.key, trans);
  if (problem) {
    if (await callbacks.offerDownload(displayKey(entry.name), problem)) {
      await callbacks.download();
      return 'download';
    }
    return 'nothing';
  }
  // An archived object is checked first and the way out (a restore) offered, rather than a load
  // error (JupyterLab also keeps a failed document for 3 s: opening it again meanwhile shows nothing).
  if (isArchiveClass(entry.storageClass) && callbacks.archivedProblem && callbacks.offerRestore) {
    const archived = await callbacks.archivedProblem(entry);
    if (archived) {
      if ((await callbacks.offerRestore(displayKey(entry.name), archived)) && callbacks.restore) {
        await callbacks.restore();
      }
      return 'nothing';
    }
  }
  const format = tableFormatFor(entry.key);
  const asTable = (format === 'csv' || format === 'tsv') && entry.size > CSV_PREVIEW_ABOVE;
  callbacks.openDocument(`${DRIVE_NAME}:${drivePath(model.connection!, model.bucket!, entry.key)}`, asTable);
  return 'document';
}

/**
 * The URI *Copy S3 URI* gives for a row of the bucket on screen: `parseS3Uri` (the CLI, Go to S3
 * URI, the Version History box) reads it back.
 * @param bucket - the bucket on screen.
 * @param entry - the row.
 * @returns the `s3://` URI (a folder's ends in `/`).
 */
export function entryUri(bucket: string, entry: Entry): string {
  return formatS3Uri({ bucket, key: entry.kind === 'folder' ? entry.prefix : entry.key });
}
