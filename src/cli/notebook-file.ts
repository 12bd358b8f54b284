/**
 * Reading and writing a `.ipynb` file for the pins commands. Numbers keep their exact text
 * (lossless-json), so cells, outputs and other metadata come back exactly as JSON values; the
 * file keeps its indentation (Jupyter writes 1 space). Writing is atomic: a temporary file in the
 * same folder, then a rename over the notebook (a reader never sees half a notebook, and a failed
 * write leaves the original untouched).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { stringify } from 'lossless-json';
import { HeliumError } from '../service/error-class';
import { parseLosslessJson } from '../service/snapshots/json-values';
import { safeText } from './output';

/** A notebook as read. */
export interface NotebookFile {
  path: string;
  /** The parsed notebook (numbers as LosslessNumbers). */
  notebook: unknown;
  /** The indentation to write it back with. */
  indent: string;
}

/**
 * Read and parse a notebook.
 * @param file - its path.
 * @returns the parsed notebook and its indentation.
 * @throws HeliumError `InvalidInput` (code `InvalidNotebook`) when it is not JSON; file errors.
 */
export async function readNotebookFile(file: string): Promise<NotebookFile> {
  const text = await fs.readFile(file, 'utf8');
  let notebook: unknown;
  try {
    notebook = parseLosslessJson(text);
  } catch (err) {
    throw new HeliumError('InvalidInput', `"${safeText(file)}" is not a notebook: ${err instanceof Error ? err.message : String(err)}`, {
      code: 'InvalidNotebook'
    });
  }
  if (notebook === null || typeof notebook !== 'object' || Array.isArray(notebook)) {
    throw new HeliumError('InvalidInput', `"${safeText(file)}" is not a notebook: its JSON is not an object.`, { code: 'InvalidNotebook' });
  }
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? ' ';
  return { path: file, notebook, indent };
}

/**
 * Write a notebook atomically (temp file + rename), keeping the file's mode.
 * @param file - the notebook as read (path, indentation).
 * @param notebook - the new notebook value.
 */
export async function writeNotebookFile(file: NotebookFile, notebook: unknown): Promise<void> {
  const text = `${stringify(notebook, null, file.indent) ?? ''}\n`;
  // Through a symbolic link, replace the file it points at (not the link).
  const target = await fs.realpath(file.path);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.helium-${process.pid}-${Date.now()}.tmp`);
  const mode = await fs.stat(target).then(
    s => s.mode & 0o777,
    () => 0o644
  );
  try {
    const handle = await fs.open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
