/**
 * The table worker's errors reach the person through the translator: the engine words them in
 * English, with a code and their parts, and the view words them again with `trans.__`.
 */
import { HeliumError } from '../service/error-class';
import { errorFromMessage, errorToMessage } from '../service/diff/table-message';
import { unreadable } from '../service/formats/util';
import { markingTrans } from '../testing/translation';
import { tableErrorText } from './table-error-text';

describe('tableErrorText', () => {
  it('words an unreadable CSV from the worker through the translator, without the API hint', () => {
    // As the worker sends it: a HeliumError made plain data, then made an error again on the page.
    const fromWorker = errorFromMessage(
      errorToMessage(unreadable('csv', { source: 'data/a.csv' }, new Error('row 3: bad quote')), 'data/a.csv')
    );
    expect(fromWorker.message).toMatch(/format: 'bytes'/);
    expect(tableErrorText(fromWorker, markingTrans)).toBe('«data/a.csv could not be read as CSV: row 3: bad quote»');
  });

  it('words what is not a HeliumError in the worker too', () => {
    const fromWorker = errorFromMessage(errorToMessage(new RangeError('offset out of bounds'), 'x.arrow'));
    expect(tableErrorText(fromWorker, markingTrans)).toBe('«x.arrow could not be read as a table: offset out of bounds»');
  });

  it('words a worker failure, an unsupported file and a missing row group', () => {
    const failed = new HeliumError('Unknown', 'Reading a.csv failed in its worker: boom', {
      code: 'WorkerFailed',
      params: { what: 'a.csv', reason: 'boom' }
    });
    expect(tableErrorText(failed, markingTrans)).toBe('«a.csv could not be read: the table worker failed (boom).»');
    const unsupported = new HeliumError('InvalidInput', 'x', { code: 'UnsupportedTable', params: { what: 'notes.txt' } });
    expect(tableErrorText(unsupported, markingTrans)).toMatch(/^«notes\.txt is not a table this view reads/);
    const range = new HeliumError('InvalidInput', 'x', { code: 'InvalidRange', params: { what: 's3://b/t.parquet', group: '7' } });
    expect(tableErrorText(range, markingTrans)).toBe('«s3://b/t.parquet has no row group 7.»');
  });

  it("keeps other errors' own message (S3's, the network's)", () => {
    expect(tableErrorText(new HeliumError('AccessDenied', 'Access denied to s3://b/t.csv.', { code: 'AccessDenied' }), markingTrans)).toBe(
      'Access denied to s3://b/t.csv.'
    );
    expect(tableErrorText('plain', markingTrans)).toBe('plain');
  });
});
