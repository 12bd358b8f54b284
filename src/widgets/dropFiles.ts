/**
 * Files dropped from the desktop, folders included: walks the File System Entries API so a dropped
 * folder arrives as its files with paths relative to the drop (`data/2024/a.csv`).
 */
import type { TranslationBundle } from '@jupyterlab/translation';

export interface IDroppedFile {
  /** Null when the entry could not be read (`error` says why). */
  file: File | null;
  /** Path relative to what was dropped, with `/` separators. */
  relativePath: string;
  error?: string;
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, path: string, out: IDroppedFile[], trans: TranslationBundle): Promise<void> {
  try {
    if (entry.isFile) {
      out.push({ file: await entryFile(entry as FileSystemFileEntry), relativePath: path });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries returns at most ~100 entries per call: call until it returns none.
      for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader)) {
        for (const child of batch) {
          await walk(child, `${path}/${child.name}`, out, trans);
        }
      }
    }
  } catch (err) {
    // One unreadable entry (a broken link, no permission) must not lose the rest of the drop.
    out.push({ file: null, relativePath: path, error: trans.__('Could not read "%1": %2', path, (err as Error)?.message ?? String(err)) });
  }
}

/**
 * Every file in a drop, folders walked recursively.
 * @param data - the drop's data.
 * @param trans - translations, for why an entry could not be read.
 * @returns the files, and the entries that could not be read with why.
 */
export async function droppedFiles(data: DataTransfer, trans: TranslationBundle): Promise<IDroppedFile[]> {
  const out: IDroppedFile[] = [];
  const items = Array.from(data.items ?? []).filter(item => item.kind === 'file');
  // Entries must be taken synchronously, before the first await, or the browser clears them.
  const pending = items.map(item => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  for (const { entry, file } of pending) {
    if (entry) {
      await walk(entry, entry.name, out, trans);
    } else if (file) {
      out.push({ file, relativePath: file.name });
    }
  }
  if (!items.length) {
    for (const file of Array.from(data.files ?? [])) {
      out.push({ file, relativePath: file.name });
    }
  }
  return out;
}
