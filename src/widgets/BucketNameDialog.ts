/**
 * The "Open a bucket" dialog: a name checked against S3's bucket naming rules as it is typed
 * (CheckedNameDialog.ts), so no request is made for a name S3 would refuse.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { validateBucketName } from '../service/uri';
import { askCheckedName } from './CheckedNameDialog';

/**
 * What is wrong with a bucket name as typed: null when it can be opened; '' for an empty field
 * (nothing to say yet, but nothing to open either).
 * @param text - the field's text.
 * @returns the problem, '' or null.
 */
export function bucketNameInputProblem(text: string): string | null {
  const name = text.trim();
  return name ? validateBucketName(name) : '';
}

/**
 * Asks for a bucket name until it is a valid one or the person cancels.
 * @param trans - the translation bundle.
 * @param initial - the text to start from (e.g. a name to fix).
 * @returns the name, or null when cancelled.
 */
export function askBucketName(trans: TranslationBundle, initial?: string): Promise<string | null> {
  return askCheckedName(
    { title: trans.__('Open a bucket'), accept: trans.__('Open') },
    {
      label: trans.__('Bucket name (you need s3:ListBucket on it)'),
      placeholder: 'my-bucket',
      check: bucketNameInputProblem,
      initial,
      testid: 'helium-bucketname-problem',
      selectOnOpen: true
    }
  );
}
