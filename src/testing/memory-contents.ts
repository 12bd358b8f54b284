/** A workspace in memory for specs of downloads into the workspace (JupyterLab's Contents manager). */
import type { Contents } from '@jupyterlab/services';

/**
 * A workspace in memory with the parts of JupyterLab's Contents manager the downloads use
 * (`get`, chunked `save`, `rename`, `delete`, `driveName`).
 */
export class MemoryContents {
  readonly files = new Map<string, string>();
  readonly dirs = new Set<string>(['']);
  driveName(path: string): string {
    return path.includes(':') ? path.split(':')[0] : '';
  }
  async get(path: string): Promise<Partial<Contents.IModel>> {
    if (this.dirs.has(path)) {
      return { path, type: 'directory' };
    }
    if (this.files.has(path)) {
      return { path, type: 'file' };
    }
    throw new Error(`No file at ${path}`);
  }
  async save(path: string, options: Partial<Contents.IModel> & { chunk?: number }): Promise<Partial<Contents.IModel>> {
    if (options.type === 'directory') {
      this.dirs.add(path);
      return { path, type: 'directory' };
    }
    const parent = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (!this.dirs.has(parent)) {
      throw new Error(`No folder ${parent}`);
    }
    const text = Buffer.from(String(options.content ?? ''), 'base64').toString('utf8');
    const first = options.chunk === undefined || options.chunk === 1;
    this.files.set(path, (first ? '' : (this.files.get(path) ?? '')) + text);
    return { path, type: 'file' };
  }
  async rename(from: string, to: string): Promise<Partial<Contents.IModel>> {
    this.files.set(to, this.files.get(from)!);
    this.files.delete(from);
    return { path: to, type: 'file' };
  }
  async delete(path: string): Promise<void> {
    this.files.delete(path);
  }
}
