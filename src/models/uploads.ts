/**
 * Turns "upload these files here" and "download this object there" into transfer specs for the
 * transfers queue. The bytes move through the service's transfer engine (multipart, checksums,
 * retries, abort on cancel); these helpers only choose keys, names and destinations, refusing any
 * that would escape the target folder.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { Contents, ServerConnection } from '@jupyterlab/services';
import { URLExt } from '@jupyterlab/coreutils';
import type { IHeliumConnections } from '../tokens';
import { formatS3Uri } from '../service/uri';
import { newKeyProblem } from './new-keys';
import { workspaceNameProblem, workspaceRelativePathProblem } from './workspace-names';
import type { ITransferSpec, TransferTask } from './transfers';
import type { ByteSource } from '../service/transfers/types';
import { type Engine, loadEngine } from './engine';
import { contentsSink, renameOver, type SaveChunk } from './contents-sink';
import type { ServerDownload } from './server-download';
import { PartHasher, workerHashedSource } from './part-hasher';

/** Where uploads go: a folder (prefix) of a bucket of a connection. */
export interface IS3Folder {
  connection: string;
  bucket: string;
  /** Ends with `/`, or is empty at the bucket root. */
  prefix: string;
}

/**
 * The key for a file at `relativePath` under a folder, or a message saying why it was refused:
 * the rules for keys a person names (`writeKeyProblem`: no control characters, no `.`, `..` or
 * empty segments, at most 1,024 bytes), no absolute paths, and nothing outside the folder.
 * Backslashes (Windows paths) separate folders.
 * @param folder - where the file goes.
 * @param relativePath - the file's path relative to that folder.
 * @returns the key, or the message.
 */
export function keyFor(folder: IS3Folder, relativePath: string, trans: TranslationBundle): { key: string } | { error: string } {
  const clean = relativePath.replace(/\\/g, '/');
  const problem = newKeyProblem(folder, clean, 'file', trans);
  return problem ? { error: problem } : { key: folder.prefix + clean };
}

/** A spec that fails at once with a message (the row shows it; nothing is sent). */
function refused(label: string, detail: string, message: string): ITransferSpec {
  return {
    direction: 'upload',
    label,
    detail,
    totalBytes: 0,
    task: async () => {
      throw new Error(message);
    }
  };
}

/**
 * The task of one upload into an S3 folder: multipart with checksums, skipped when unchanged;
 * the listing on screen hears of the new object unless it was skipped.
 */
function uploadTask(
  connections: IHeliumConnections,
  folder: IS3Folder,
  key: string,
  makeSource: (lib: Engine, signal: AbortSignal) => Promise<ByteSource>,
  options: { partsInFlight?: number; contentType?: string }
): TransferTask {
  return async (onProgress, signal) => {
    const [lib, s3] = await Promise.all([loadEngine(), connections.client(folder.connection)]);
    const result = await lib.uploadObject(s3, {
      bucket: folder.bucket,
      key,
      source: await makeSource(lib, signal),
      contentType: options.contentType,
      concurrency: options.partsInFlight,
      skipIfUnchanged: true,
      // A new key is then a 200, not a 404 the browser would log as an error in the console.
      listBeforeHead: true,
      signal,
      onProgress: p => onProgress(p.transferredBytes, p.totalBytes)
    });
    if (!result.skipped) {
      connections.notifyChanged({ connection: folder.connection, bucket: folder.bucket, key, type: 'put' });
    }
    return { skipped: result.skipped };
  };
}

/**
 * Upload specs for files from the computer (or any Blobs); with a `partHasher`, parts are sent as
 * Blob slices hashed by its worker (see part-hasher.ts).
 */
export function blobUploadSpecs(
  connections: IHeliumConnections,
  folder: IS3Folder,
  files: { blob: Blob | null; relativePath: string; contentType?: string; error?: string }[],
  trans: TranslationBundle,
  options: { partsInFlight?: number; partHasher?: PartHasher } = {}
): ITransferSpec[] {
  return files.map(({ blob, relativePath, contentType, error }) => {
    const target = keyFor(folder, relativePath, trans);
    const label = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if (!blob) {
      return refused(label, relativePath, error ?? trans.__('Could not read "%1".', relativePath));
    }
    if ('error' in target) {
      return refused(label, relativePath, target.error);
    }
    return {
      direction: 'upload',
      label,
      detail: `${relativePath} → ${formatS3Uri({ bucket: folder.bucket, key: target.key })}`,
      destination: formatS3Uri({ bucket: folder.bucket, key: target.key }),
      totalBytes: blob.size,
      task: uploadTask(
        connections,
        folder,
        target.key,
        async lib => (options.partHasher ? workerHashedSource(lib.blobSource(blob), blob, options.partHasher, lib) : lib.blobSource(blob)),
        {
          partsInFlight: options.partsInFlight,
          contentType: contentType || blob.type || undefined
        }
      )
    };
  });
}

/** Refuses paths on other drives (such as `s3:`): only the server's own files can be read. */
export function assertWorkspacePath(contents: Contents.IManager, path: string, trans: TranslationBundle): void {
  if (contents.driveName(path)) {
    throw new Error(trans.__('"%1" is not in the Jupyter server\'s workspace; choose a folder of the workspace.', path));
  }
}

/**
 * Files under a workspace path (a file, or a folder walked recursively), relative to its parent.
 * Only listings are fetched, never file contents.
 */
export async function workspaceFiles(
  contents: Contents.IManager,
  path: string,
  trans: TranslationBundle
): Promise<{ path: string; relativePath: string; size?: number }[]> {
  assertWorkspacePath(contents, path, trans);
  const base = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const out: { path: string; relativePath: string; size?: number }[] = [];
  const visit = async (model: Contents.IModel) => {
    if (model.type === 'directory') {
      const listing = await contents.get(model.path, { content: true });
      for (const child of listing.content as Contents.IModel[]) {
        await visit(child);
      }
    } else {
      out.push({ path: model.path, relativePath: model.path.slice(base.length), size: model.size ?? undefined });
    }
  };
  await visit(await contents.get(path, { content: false }));
  return out;
}

/**
 * A workspace file as a transfer source: each part is a ranged GET of `/files/<path>`, so a
 * multi-GiB file never sits whole in the browser's memory.
 */
export function workspaceFileSource(
  url: string,
  size: number,
  request: (init: RequestInit) => Promise<Response>,
  signal: AbortSignal,
  trans: TranslationBundle
): ByteSource {
  return {
    size,
    async read(start: number, end: number): Promise<Uint8Array> {
      if (end <= start) {
        return new Uint8Array(0);
      }
      const response = await request({ headers: { Range: `bytes=${start}-${end - 1}` }, signal });
      if (response.status !== 206 && !(response.status === 200 && start === 0 && end >= size)) {
        throw new Error(trans.__('Could not read bytes %1–%2 of %3 (HTTP %4).', start, end, url, response.status));
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length !== end - start) {
        throw new Error(trans.__('The workspace file changed while it was being uploaded (%1).', url));
      }
      return bytes;
    }
  };
}

/** Upload specs for workspace files, read part by part from the Jupyter server as they are sent. */
export function workspaceUploadSpecs(
  connections: IHeliumConnections,
  settings: ServerConnection.ISettings,
  makeRequest: (url: string, init: RequestInit, settings: ServerConnection.ISettings) => Promise<Response>,
  folder: IS3Folder,
  files: { path: string; relativePath: string; size?: number }[],
  trans: TranslationBundle,
  options: { partsInFlight?: number } = {}
): ITransferSpec[] {
  return files.map(file => {
    const target = keyFor(folder, file.relativePath, trans);
    const label = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
    if ('error' in target) {
      return refused(label, file.path, target.error);
    }
    return {
      direction: 'upload',
      label,
      detail: `${file.path} → ${formatS3Uri({ bucket: folder.bucket, key: target.key })}`,
      destination: formatS3Uri({ bucket: folder.bucket, key: target.key }),
      totalBytes: file.size,
      task: uploadTask(
        connections,
        folder,
        target.key,
        async (_, signal) => {
          const url = URLExt.join(settings.baseUrl, 'files', URLExt.encodeParts(file.path));
          return workspaceFileSource(url, file.size ?? 0, init => makeRequest(url, init, settings), signal, trans);
        },
        options
      )
    };
  });
}

/** An object to download, with what a person sees of it. */
export interface IS3Object {
  connection: string;
  bucket: string;
  key: string;
  /** The file name to create (the key's last segment). */
  name: string;
  versionId?: string;
  size?: number;
}

/** How downloads into the workspace run. */
export interface IWorkspaceDownloadOptions {
  /** Parts of one file in flight at once (downloads through the page). */
  partsInFlight?: number;
  /** How chunks are saved (downloads through the page; default: the Contents manager's save). */
  saveChunk?: SaveChunk;
  /** The Jupyter server's own download into its workspace, tried first when given. */
  serverDownload?: ServerDownload;
}

/**
 * A download into the workspace, to `dir/<name>`: by the Jupyter server when it can write its
 * workspace itself (`serverDownload`), else through the page with JupyterLab's chunked saves
 * (bounded memory). Bytes go to a partial file first; a failed or cancelled download deletes it.
 */
export function workspaceDownloadSpec(
  connections: IHeliumConnections,
  contents: Contents.IManager,
  source: { connection: string; bucket: string; key: string; versionId?: string; size?: number },
  dir: string,
  name: string,
  trans: TranslationBundle,
  options: IWorkspaceDownloadOptions = {}
): ITransferSpec {
  const path = dir ? `${dir}/${name}` : name;
  return {
    direction: 'download',
    label: name,
    detail: `${formatS3Uri(source)} → ${path}`,
    destination: `/${path}`,
    totalBytes: source.size,
    task: async (onProgress, signal) => {
      assertWorkspacePath(contents, path, trans);
      const problem = workspaceNameProblem(name, dir, 'file', trans);
      if (problem) {
        throw new Error(problem); // the panel checks first; this keeps any other caller inside `dir`
      }
      const { connection, bucket, key, versionId } = source;
      const partial = await options.serverDownload?.({ connection, bucket, key, versionId, path }, onProgress, signal);
      if (partial) {
        await renameOver(contents, partial, path);
        return;
      }
      const [lib, s3] = await Promise.all([loadEngine(), connections.client(source.connection)]);
      await lib.downloadObject(s3, {
        bucket: source.bucket,
        key: source.key,
        versionId: source.versionId,
        sink: contentsSink(contents, path, { saveChunk: options.saveChunk }),
        concurrency: options.partsInFlight,
        signal,
        onProgress: p => onProgress(p.transferredBytes, p.totalBytes)
      });
    }
  };
}

/**
 * Downloads of every object under an S3 folder into `dir/<folder name>/…` of the workspace, one
 * spec per object (folders are created as needed). Keys whose relative path would leave the target
 * folder become failed rows that say why; nothing is written for them.
 */
export async function workspaceFolderDownloadSpecs(
  connections: IHeliumConnections,
  contents: Contents.IManager,
  source: { connection: string; bucket: string; prefix: string },
  dir: string,
  trans: TranslationBundle,
  options: IWorkspaceDownloadOptions & { signal?: AbortSignal } = {}
): Promise<{ root: string; specs: ITransferSpec[] }> {
  assertWorkspacePath(contents, dir, trans);
  const name = source.prefix.replace(/\/$/, '').split('/').pop() ?? '';
  const problem = workspaceNameProblem(name, dir, 'folder', trans);
  if (problem) {
    throw new Error(problem);
  }
  const root = dir ? `${dir}/${name}` : name;
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(source.connection)]);
  const specs: ITransferSpec[] = [];
  for await (const page of lib.listPrefixPages(s3, {
    bucket: source.bucket,
    prefix: source.prefix,
    delimiter: '',
    signal: options.signal
  })) {
    for (const object of page.objects) {
      const relative = object.key.slice(source.prefix.length);
      if (!relative || relative.endsWith('/')) {
        continue; // a folder marker
      }
      const refusal = workspaceRelativePathProblem({ bucket: source.bucket, key: object.key }, relative, root, trans);
      if (refusal) {
        specs.push({
          direction: 'download',
          label: relative,
          detail: formatS3Uri({ bucket: source.bucket, key: object.key }),
          totalBytes: 0,
          task: async () => {
            throw new Error(refusal);
          }
        });
        continue;
      }
      const segments = relative.split('/');
      const fileName = segments.pop()!;
      const targetDir = [root, ...segments].join('/');
      const spec = workspaceDownloadSpec(
        connections,
        contents,
        { connection: source.connection, bucket: source.bucket, key: object.key, size: object.size },
        targetDir,
        fileName,
        trans,
        options
      );
      specs.push({
        ...spec,
        label: relative,
        task: async (onProgress, signal) => {
          await makeDirectories(contents, targetDir);
          return spec.task(onProgress, signal);
        }
      });
    }
  }
  return { root, specs };
}

/** Creates a workspace folder and its parents (like `mkdir -p`). */
async function makeDirectories(contents: Contents.IManager, path: string): Promise<void> {
  let current = '';
  for (const part of path.split('/').filter(Boolean)) {
    current = current ? `${current}/${part}` : part;
    const exists = await contents.get(current, { content: false }).then(
      model => model.type === 'directory',
      () => false
    );
    if (!exists) {
      await contents.save(current, { type: 'directory' }).catch(async err => {
        // Another file of the same folder download may have created it meanwhile.
        const now = await contents.get(current, { content: false }).catch(() => null);
        if (now?.type !== 'directory') {
          throw err;
        }
      });
    }
  }
}

export { contentsSink, PARTIAL_SUFFIX } from './contents-sink';
