/**
 * A folder of the `s3:` drive as a JupyterLab directory model: the connections, a connection's
 * buckets, or what a prefix holds (its sub-folders, then its objects). Capped, because
 * JupyterLab's stock file browser renders every row; the side panel is the place to browse.
 */
import type { Contents } from '@jupyterlab/services';
import type { IHeliumConnections } from '../tokens';
import { loadEngine } from '../models/engine';
import { pathRewrittenSegment } from '../service/uri';
import { baseName, drivePath, type IDriveLocation } from './paths';

/** A directory model lists at most this many entries. */
export const MAX_DIRECTORY_ENTRIES = 10_000;

async function engineAndClient(connections: IHeliumConnections, connection: string) {
  const [lib, s3] = await Promise.all([loadEngine(), connections.client(connection)]);
  return { lib, s3 };
}

/**
 * The directory model of a drive location.
 * @param connections - the connections.
 * @param loc - the folder (no connection: the connections; no bucket: the buckets).
 * @param withContent - whether to list what it holds.
 * @returns the model.
 */
export async function directoryModel(connections: IHeliumConnections, loc: IDriveLocation, withContent: boolean): Promise<Contents.IModel> {
  const now = new Date(0).toISOString();
  const model: Contents.IModel = {
    name: baseName(loc.key || loc.bucket || loc.connection),
    path: drivePath(loc.connection, loc.bucket, loc.key),
    type: 'directory',
    writable: Boolean(loc.bucket),
    created: now,
    last_modified: now,
    mimetype: '',
    content: null,
    format: null
  };
  if (!withContent) {
    return model;
  }
  const content: Contents.IModel[] = [];
  if (!loc.connection) {
    for (const c of await connections.list()) {
      content.push({ ...model, name: c.name, path: c.name, content: null });
    }
  } else if (!loc.bucket) {
    const { lib, s3 } = await engineAndClient(connections, loc.connection);
    for (const b of await lib.listBuckets(s3)) {
      content.push({ ...model, name: b.name, path: drivePath(loc.connection, b.name, ''), content: null });
    }
  } else {
    const { lib, s3 } = await engineAndClient(connections, loc.connection);
    const prefix = loc.key ? `${loc.key}/` : '';
    for await (const page of lib.listPrefixPages(s3, { bucket: loc.bucket, prefix })) {
      // Entries whose path JupyterLab would rewrite (`.`, `..`, empty names) would open another
      // object from its file browser: they are left out here; the S3 panel lists them.
      for (const f of page.folders) {
        if (pathRewrittenSegment(f.prefix) !== null) {
          continue;
        }
        content.push({ ...model, name: f.name, path: drivePath(loc.connection, loc.bucket, f.prefix), content: null });
      }
      for (const o of page.objects) {
        if (pathRewrittenSegment(o.key) !== null) {
          continue;
        }
        const modified = o.lastModified.toISOString();
        content.push({
          name: o.name,
          path: drivePath(loc.connection, loc.bucket, o.key),
          type: o.key.endsWith('.ipynb') ? 'notebook' : 'file',
          writable: true,
          created: modified,
          last_modified: modified,
          mimetype: '',
          content: null,
          format: null,
          size: o.size
        });
      }
      if (content.length >= MAX_DIRECTORY_ENTRIES) {
        console.warn(`jupyterlab-helium: listing of ${model.path} capped at ${MAX_DIRECTORY_ENTRIES} entries`);
        break;
      }
    }
  }
  return { ...model, content, format: 'json' };
}
