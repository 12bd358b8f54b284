/**
 * *Pin to Notebook* on a snapshot that has tags: what should the pin follow, the package's
 * `latest` snapshot (the default) or one of the snapshot's tags? (*Update Pin* re-locks the pin
 * to what it follows.)
 */
import { InputDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { PinFollows } from '../../service/pins/types';

/**
 * Ask what a pin follows.
 * @param trans - translations.
 * @param tags - the tags naming the snapshot (a tag is never called `latest`: names do not clash).
 * @returns `latest` or `{tag}`, or null when cancelled.
 */
export async function chooseFollows(trans: TranslationBundle, tags: readonly string[]): Promise<PinFollows | null> {
  const answer = await InputDialog.getItem({
    title: trans.__('Pin to Notebook'),
    label: trans.__('This snapshot has tags. What should the pin follow when it is updated: the newest snapshot (latest) or a tag?'),
    items: ['latest', ...tags],
    current: 0,
    okLabel: trans.__('Pin')
  });
  if (!answer.button.accept || answer.value === null) {
    return null;
  }
  return answer.value === 'latest' ? 'latest' : { tag: answer.value };
}
