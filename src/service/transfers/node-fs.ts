/**
 * File sources and sinks for Node (the CLI, tests). Imports only `fs` and `path`, and is NOT
 * exported from the service's index (the browser bundle imports that): import it as
 * `src/service/transfers/node-fs`.
 */
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'fs';
import * as path from 'path';
import { bytesSource } from './sources';
import type { ByteSink, ByteSource } from './types';

/** A source over an open file; close it when the transfer is over. */
export interface FileSource extends ByteSource {
  /** Close the file handle. */
  close(): Promise<void>;
}

/** A sink writing a file through a temporary file in the same folder. */
export interface FileSink extends ByteSink {
  /** Where the bytes go until `close()` renames the file into place. */
  readonly tempPath: string;
  /** Writes bytes at an offset (positional writes: several streams of one download at once). */
  writeAt(offset: number, bytes: Uint8Array): Promise<void>;
}

/**
 * Open a file as a byte source. Its size is taken when it is opened; parts are read with
 * positional reads on one handle, so concurrent reads are fine. A file that shrinks meanwhile
 * makes the upload fail (`readExactly` sees the short read) rather than upload fewer bytes.
 * @param filePath - the file.
 * @returns the source; call `close()` after the transfer.
 * @throws the file system's error (ENOENT, EACCES, EISDIR…).
 */
export async function openFileSource(filePath: string): Promise<FileSource> {
  const whole = readSmallFile(filePath);
  if (whole) {
    return bytesFileSource(whole);
  }
  const handle = await fs.open(filePath, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw Object.assign(new Error(`${filePath} is not a regular file.`), { code: 'EISDIR' });
    }
    return {
      size: stat.size,
      async read(start: number, end: number): Promise<Uint8Array> {
        const buffer = new Uint8Array(end - start);
        let filled = 0;
        while (filled < buffer.byteLength) {
          const { bytesRead } = await handle.read(buffer, filled, buffer.byteLength - filled, start + filled);
          if (bytesRead === 0) {
            return buffer.subarray(0, filled);
          }
          filled += bytesRead;
        }
        return buffer;
      },
      close: () => handle.close()
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/**
 * Files up to this size are read whole when opened, with synchronous calls: for a folder of small
 * files, the four asynchronous calls per file (open, stat, read, close), each a trip to libuv's
 * thread pool and back, cost more CPU than the reads themselves (~0.1 s per 1,000 files).
 */
const READ_WHOLE_BYTES = 1024 * 1024;

/**
 * The bytes of a regular file of at most READ_WHOLE_BYTES, read in one go.
 * @param filePath - the file.
 * @returns the bytes, or undefined when the file is larger (or grew past the limit meanwhile).
 * @throws the file system's error (ENOENT, EACCES…), EISDIR for a folder or another non-file.
 */
function readSmallFile(filePath: string): Uint8Array | undefined {
  const fd = openSync(filePath, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw Object.assign(new Error(`${filePath} is not a regular file.`), { code: 'EISDIR' });
    }
    if (stat.size > READ_WHOLE_BYTES) {
      return undefined;
    }
    // One byte more than the size: a file that grew since fstat is then seen, and read the slow way.
    const buffer = new Uint8Array(stat.size + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.byteLength - filled, filled);
      if (bytesRead === 0) {
        return buffer.subarray(0, filled);
      }
      filled += bytesRead;
      if (filled === buffer.byteLength) {
        return undefined;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A file source over bytes already read.
 * @param bytes - the file's bytes.
 * @returns the source (its `close()` has nothing to close).
 */
function bytesFileSource(bytes: Uint8Array): FileSource {
  return { ...bytesSource(bytes), close: async () => undefined };
}

/**
 * A temporary name next to `filePath` (same folder, so the final rename is atomic).
 * @param filePath - the final path.
 * @returns the temporary path.
 */
function tempPathFor(filePath: string): string {
  const unique = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  return path.join(path.dirname(filePath), `.${leadingBytes(path.basename(filePath), TEMP_NAME_BYTES)}.helium-${unique}.part`);
}

/**
 * How much of the final name a temporary name keeps: file names may have 255 bytes, and the
 * temporary name adds about 45 to it (a final name of 255 bytes must still get one).
 */
const TEMP_NAME_BYTES = 160;

/**
 * The longest start of a text that fits in a number of UTF-8 bytes, cut between characters.
 * @param text - the text.
 * @param max - the most bytes.
 * @returns the text, or its start.
 */
function leadingBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) {
    return text;
  }
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) {
      break;
    }
    out += ch;
  }
  return out;
}

/** A download's file is flushed to disk in the background every this many bytes. */
const SYNC_EVERY = 64 * 1024 * 1024;

/** Options of {@link openFileSink}. */
export interface FileSinkOptions {
  /**
   * Flush the file to disk before renaming it into place (default true). Needed when the rename
   * replaces a file: after a power cut, ext4 and others may otherwise keep the new name with no
   * data, and the old file would be gone. A file that did not exist before risks nothing there (at
   * worst it is short after a power cut, and the object is still on S3), and one flush per file
   * costs a disk round trip each: for 1,000 small files, ~1.4 s of a 5 s download here. boto3,
   * the AWS CLI and rclone flush no download.
   */
  syncBeforeRename?: boolean;
}

/**
 * A sink that writes a file: bytes go to a temporary file in the same folder; `close()` renames
 * it into place (replacing an existing file only then, atomically), `abort()` deletes it. So a
 * failed or cancelled download leaves the previous file, if any, untouched and nothing else.
 * The folder must exist.
 * @param filePath - the final path.
 * @param options - whether to flush before the rename (see {@link FileSinkOptions}).
 * @returns the sink.
 * @throws the file system's error when the temporary file cannot be created.
 */
export async function openFileSink(filePath: string, options: FileSinkOptions = {}): Promise<FileSink> {
  const syncBeforeRename = options.syncBeforeRename ?? true;
  const tempPath = tempPathFor(filePath);
  const handle = await fs.open(tempPath, 'wx');
  let open = true;
  const closeHandle = async () => {
    if (open) {
      open = false;
      await handle.close();
    }
  };
  // Flushing as it is written (one background datasync per SYNC_EVERY bytes) overlaps the disk
  // with the network, so the final sync has little left to do, and keeps a big download's unwritten
  // pages bounded.
  let unsynced = 0;
  let syncing: Promise<void> | undefined;
  const wrote = (bytes: number) => {
    unsynced += bytes;
    if (unsynced >= SYNC_EVERY && !syncing) {
      unsynced = 0;
      syncing = handle
        .datasync()
        .catch(() => undefined) // the final sync reports any error
        .finally(() => {
          syncing = undefined;
        });
    }
  };
  return {
    tempPath,
    async write(bytes: Uint8Array): Promise<void> {
      let written = 0;
      while (written < bytes.byteLength) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written);
        written += bytesWritten;
      }
      wrote(written);
    },
    async writeAt(offset: number, bytes: Uint8Array): Promise<void> {
      let written = 0;
      while (written < bytes.byteLength) {
        const { bytesWritten } = await handle.write(bytes, written, bytes.byteLength - written, offset + written);
        written += bytesWritten;
      }
      wrote(written);
    },
    async close(): Promise<void> {
      await syncing;
      if (syncBeforeRename) {
        await handle.datasync(); // the data (and the size needed to read it) on disk before the rename
      }
      await closeHandle();
      await fs.rename(tempPath, filePath);
    },
    async abort(): Promise<void> {
      await syncing;
      await closeHandle().catch(() => undefined);
      await fs.rm(tempPath, { force: true });
    }
  };
}
