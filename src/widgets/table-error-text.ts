/**
 * The table viewer's and table diff's errors in the person's language. The engine (and the table
 * worker, which runs it off the page) words its errors in English; the ones a table load throws
 * carry a `code` and their variable parts (`params`: the object, the format, the parser's reason),
 * from which this words them again with JupyterLab's translator. An error without them (a network
 * failure, anything from S3) keeps its own message, as elsewhere in the UI.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { isHeliumError } from '../service/error-class';

/**
 * What to show for an error of loading or paging a table.
 * @param err - what was thrown (a HeliumError from the worker, the engine or the page's client).
 * @param trans - translations.
 * @returns the message.
 */
export function tableErrorText(err: unknown, trans: TranslationBundle): string {
  if (!isHeliumError(err)) {
    return err instanceof Error ? err.message : String(err);
  }
  const p = err.params;
  if (!p) {
    return err.message;
  }
  switch (err.code) {
    case 'UnreadableContent':
      // The engine's own hint ("Read it with another format, e.g. { format: 'bytes' }") is for the
      // API's callers; the viewer has no format to pick.
      return trans.__('%1 could not be read as %2: %3', p.what, p.format, p.reason);
    case 'UnreadableTable':
      return trans.__('%1 could not be read as Parquet: %2', p.what, p.reason);
    case 'TableLoadFailed':
      return trans.__('%1 could not be read as a table: %2', p.what, p.reason);
    case 'UnsupportedTable':
      return trans.__('%1 is not a table this view reads: use a .csv, .tsv, .parquet, .arrow or .feather file.', p.what);
    case 'CompressedTable':
      return trans.__(
        '%1 is gzip-compressed (stored with Content-Encoding: gzip?), and tables are read uncompressed: store it uncompressed, or as Parquet.',
        p.what
      );
    case 'ModuleLoadFailed':
      return trans.__('The Parquet reader (parquet-wasm) could not be loaded: %1. Reload the page and try again.', p.reason);
    case 'WorkerFailed':
      return trans.__('%1 could not be read: the table worker failed (%2).', p.what, p.reason);
    case 'DuplicateColumnNames':
      return trans.__(
        '%1 has more than one column named "%2", which this viewer cannot tell apart. Read it with pyarrow, or write it with unique column names (pyarrow: Table.rename_columns).',
        p.what,
        p.name
      );
    case 'InvalidRange':
      return trans.__('%1 has no row group %2.', p.what, p.group);
    default:
      return err.message;
  }
}
