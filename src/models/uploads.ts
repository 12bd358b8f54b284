/**
 * Turns "upload these files here" and "download this object there" into transfer specs for the
 * transfers queue. The bytes move through the service's transfer engine (multipart, checksums,
 * retries, abort on cancel); these helpers only choose keys, names and destinations, refusing any
 * that would escape the target folder.
 */
import type { Contents, ServerConnection } from '@jupyterlab/services';
import { URLExt } from '@jupyterlab/coreutils';
import type { IHeliumConnections } from '../tokens';
import { browserKeyProblem } from '../drive/paths';
import type { ITransferSpec } from './transfers';

/** Where uploads go: a folder (prefix) of a bucket of a connection. */
export interface IS3Folder {
  connection: string;
  bucket: string;
  /** Ends with `/`, or is empty at the bucket root. */
  prefix: string;
}

/**
 * The key for a file at `relativePath` under a folder, or an error message: no `.`/`..`/empty
 * segments, no absolute paths, at most 1,024 bytes.
 */
export function keyFor(folder: IS3Folder, relativePath: string): { key: string } | { error: string } {
  const clean = relativePath.replace(/\\/g, '/');
  if (clean.startsWith('/')) {
    return { error: `"${relativePath}" is an absolute path; only relative paths can be uploaded into a folder.` };
  }
  const key = folder.prefix + clean;
  const problem = browserKeyProblem(key);
  if (problem || clean.split('/').some(s => s === '..' || s === '.' || s === '')) {
    return { error: `"${relativePath}" would leave the target folder or has an empty segment; it was not uploaded.` };
  }
  if (new TextEncoder().encode(key).length > 1024) {
    return { error: `The key for "${relativePath}" would be over S3's 1,024-byte limit.` };
  }
  return { key };
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

/** Upload specs for files from the computer (or any Blobs). */
export function blobUploadSpecs(
  connections: IHeliumConnections,
  folder: IS3Folder,
  files: { blob: Blob; relativePath: string; contentType?: string }[]
): ITransferSpec[] {
  return files.map(({ blob, relativePath, contentType }) => {
    const target = keyFor(folder, relativePath);
    const label = relativePath.slice(relativePath.lastIndexOf('/') + 1);
    if ('error' in target) {
      return refused(label, relativePath, target.error);
    }
    return {
      direction: 'upload',
      label,
      detail: `${relativePath} → s3://${folder.bucket}/${target.key}`,
      totalBytes: blob.size,
      task: async (onProgress, signal) => {
        const [lib, s3] = await Promise.all([import('../service'), connections.client(folder.connection)]);
        const result = await lib.uploadObject(s3, {
          bucket: folder.bucket,
          key: target.key,
          source: lib.blobSource(blob),
          contentType: contentType || blob.type || undefined,
          skipIfUnchanged: true,
          signal,
          onProgress: p => onProgress(p.transferredBytes, p.totalBytes)
        });
        connections.notifyChanged({ connection: folder.connection, bucket: folder.bucket, key: target.key, type: 'put' });
        return { skipped: result.skipped };
      }
    };
  });
}

/** Files under a workspace path (a file, or a folder walked recursively), relative to its parent. */
export async function workspaceFiles(
  contents: Contents.IManager,
  path: string
): Promise<{ path: string; relativePath: string; size?: number }[]> {
  const base = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  const out: { path: string; relativePath: string; size?: number }[] = [];
  const visit = async (p: string) => {
    const model = await contents.get(p, { content: true });
    if (model.type === 'directory') {
      for (const child of model.content as Contents.IModel[]) {
        await visit(child.path);
      }
    } else {
      out.push({ path: model.path, relativePath: model.path.slice(base.length), size: model.size ?? undefined });
    }
  };
  await visit(path);
  return out;
}

/** Upload specs for workspace files: each is fetched from the Jupyter server as it is sent. */
export function workspaceUploadSpecs(
  connections: IHeliumConnections,
  settings: ServerConnection.ISettings,
  makeRequest: (url: string, init: RequestInit, settings: ServerConnection.ISettings) => Promise<Response>,
  folder: IS3Folder,
  files: { path: string; relativePath: string; size?: number }[]
): ITransferSpec[] {
  return files.map(file => {
    const target = keyFor(folder, file.relativePath);
    const label = file.relativePath.slice(file.relativePath.lastIndexOf('/') + 1);
    if ('error' in target) {
      return refused(label, file.path, target.error);
    }
    return {
      direction: 'upload',
      label,
      detail: `${file.path} → s3://${folder.bucket}/${target.key}`,
      totalBytes: file.size,
      task: async (onProgress, signal) => {
        const url = URLExt.join(settings.baseUrl, 'files', URLExt.encodeParts(file.path));
        const response = await makeRequest(url, { signal }, settings);
        if (!response.ok) {
          throw new Error(`Could not read ${file.path} from the workspace (HTTP ${response.status}).`);
        }
        const blob = await response.blob();
        const [lib, s3] = await Promise.all([import('../service'), connections.client(folder.connection)]);
        const result = await lib.uploadObject(s3, {
          bucket: folder.bucket,
          key: target.key,
          source: lib.blobSource(blob),
          skipIfUnchanged: true,
          signal,
          onProgress: p => onProgress(p.transferredBytes, p.totalBytes)
        });
        connections.notifyChanged({ connection: folder.connection, bucket: folder.bucket, key: target.key, type: 'put' });
        return { skipped: result.skipped };
      }
    };
  });
}

/**
 * A download into the workspace: the object's bytes are written with JupyterLab's chunked saves
 * (bounded memory), to `dir/<name>`; a failed or cancelled download deletes the partial file.
 */
export function workspaceDownloadSpec(
  connections: IHeliumConnections,
  contents: Contents.IManager,
  source: { connection: string; bucket: string; key: string; versionId?: string; size?: number },
  dir: string,
  name: string
): ITransferSpec {
  const path = dir ? `${dir}/${name}` : name;
  return {
    direction: 'download',
    label: name,
    detail: `s3://${source.bucket}/${source.key} → ${path}`,
    totalBytes: source.size,
    task: async (onProgress, signal) => {
      if (!name || name === '.' || name === '..' || name.includes('/') || name.includes('\\')) {
        throw new Error(`"${name}" is not a valid file name in the workspace.`);
      }
      const [lib, s3] = await Promise.all([import('../service'), connections.client(source.connection)]);
      await lib.downloadObject(s3, {
        bucket: source.bucket,
        key: source.key,
        versionId: source.versionId,
        sink: contentsSink(contents, path),
        signal,
        onProgress: p => onProgress(p.transferredBytes, p.totalBytes)
      });
    }
  };
}

/** A sink writing a workspace file through JupyterLab's chunked save API, one chunk behind. */
export function contentsSink(contents: Contents.IManager, path: string) {
  let held: Uint8Array | null = null;
  let chunk = 0;
  const save = async (bytes: Uint8Array, last: boolean) => {
    const { toBase64 } = await import('../service');
    chunk++;
    // A file that fits one chunk is a plain save; otherwise 1, 2, … and -1 for the last.
    const only = last && chunk === 1;
    await contents.save(path, {
      type: 'file',
      format: 'base64',
      content: toBase64(bytes),
      ...(only ? {} : { chunk: last ? -1 : chunk })
    });
  };
  return {
    async write(bytes: Uint8Array): Promise<void> {
      if (held) {
        await save(held, false);
      }
      held = bytes;
    },
    async close(): Promise<void> {
      await save(held ?? new Uint8Array(0), true);
      held = null;
    },
    async abort(): Promise<void> {
      held = null;
      if (chunk > 0) {
        await contents.delete(path).catch(() => undefined);
      }
    }
  };
}
