/**
 * The small SQL surface the embedded search backend needs, so the same index code runs on SQLite
 * in a Node worker thread (the CLI, tests) and, later, in a browser Web Worker.
 */

/** A value bound to a `?` placeholder. Queries are user input: values are always bound, never spliced. */
export type SqlValue = string | number | null;

/** One parameterised statement. */
export interface SqlStatement {
  sql: string;
  params?: SqlValue[];
}

/** A row, column name → value. */
export type SqlRow = Record<string, SqlValue>;

/** An open SQLite database. */
export interface SqlDatabase {
  /** Run a query and return its rows. */
  all(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
  /**
   * Run statements in ONE transaction: all of them or none (a failure rolls back, so the previous
   * contents stay usable).
   */
  transaction(statements: SqlStatement[]): Promise<void>;
  /** The whole database as bytes (an SQLite file image), for persisting. */
  export(): Promise<Uint8Array>;
  /** Close the database (and its worker). */
  close(): Promise<void>;
}

/** Where an index's bytes are kept between runs (a file in Node, OPFS in a browser, nothing in tests). */
export interface IndexStorage {
  /** The saved image, or null when there is none yet. */
  load(): Promise<Uint8Array | null>;
  /** Replace the saved image (atomically: a crash leaves the old or the new one). */
  save(bytes: Uint8Array): Promise<void>;
  /** Where it is, for messages. */
  readonly location: string;
  /**
   * Storage that other processes may write too (a file): hold this lock while re-reading,
   * changing and saving, so no writer saves over another's update. Returns the release.
   */
  lock?(): Promise<() => Promise<void>>;
  /** Whether the saved image is another than the one this storage last loaded or saved. */
  changedSinceLoad?(): Promise<boolean>;
}

/** Storage that keeps nothing (tests, throw-away indexes). */
export function memoryStorage(): IndexStorage {
  let saved: Uint8Array | null = null;
  return {
    location: 'memory',
    load: async () => saved,
    save: async bytes => {
      saved = bytes;
    }
  };
}
