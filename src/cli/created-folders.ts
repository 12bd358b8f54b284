/**
 * The local folders one run of `helium get` made, so that a download that ends with nothing
 * in them (every object skipped, or Ctrl-C before the first file) does not leave empty folders
 * behind. Only folders this run created are ever removed, and only while they are empty
 * (`rmdir` refuses a folder with anything in it, even a file written meanwhile by someone else).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { isHeliumError } from '../service/error-class';

/** Folders made by this run, to take back if it ends with nothing in them. */
export class CreatedFolders {
  private readonly made = new Set<string>();

  /**
   * Make a folder and its missing parents, remembering those this call created.
   * @param dir - the folder (absolute).
   * @returns when it exists.
   */
  async make(dir: string): Promise<void> {
    const first = await fs.mkdir(dir, { recursive: true });
    if (first === undefined) {
      return; // it was there already
    }
    // mkdir made every folder from `first` down to `dir`.
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      this.made.add(d);
      if (d === path.resolve(first) || d === path.dirname(d)) {
        break;
      }
    }
  }

  /**
   * Remove the folders this run made that are still empty, deepest first (a parent emptied by
   * removing its child goes too). Errors (not empty, gone, no permission) leave a folder be.
   * @returns the folders removed.
   */
  async removeEmpty(): Promise<string[]> {
    const removed: string[] = [];
    const deepestFirst = [...this.made].sort((a, b) => b.split(path.sep).length - a.split(path.sep).length);
    for (const dir of deepestFirst) {
      try {
        await fs.rmdir(dir);
        removed.push(dir);
        this.made.delete(dir);
      } catch {
        // Not empty (or already gone): it stays.
      }
    }
    return removed;
  }
}

/**
 * Run a folder download, taking back the empty folders it made when it fails, is cancelled
 * (Ctrl-C), or saved no file because every object was skipped. A download that saved files keeps
 * every folder it made, empty ones included (an S3 folder with nothing in it is an empty folder),
 * even when it ends by naming objects it skipped.
 * @param files - how many files the download plans to save.
 * @param body - the download, making its folders through the given {@link CreatedFolders}.
 * @returns when the download is done.
 */
export async function withCreatedFolders(files: number, body: (folders: CreatedFolders) => Promise<void>): Promise<void> {
  const folders = new CreatedFolders();
  try {
    await body(folders);
  } catch (err) {
    const savedSomeAndSkippedSome = files > 0 && isHeliumError(err) && err.code === 'SkippedKeys';
    if (!savedSomeAndSkippedSome) {
      await folders.removeEmpty();
    }
    throw err;
  }
}
