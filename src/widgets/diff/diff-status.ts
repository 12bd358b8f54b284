/**
 * What the diff tab shows instead of a comparison: loading (with Cancel), the size cap (with
 * Load anyway / Show summary), cancelled, and errors as escaped text.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDiffProvider, IDiffRequest } from '../../tokens';
import { isHeliumError } from '../../service/error-class';
import { button, h } from './dom';
import { sizeText } from './diff-labels';
import { tableErrorText } from '../table-error-text';

/**
 * A spinner with a Cancel button.
 * @param trans - translations.
 * @param onCancel - what Cancel does.
 * @returns the element.
 */
export function loadingStatus(trans: TranslationBundle, onCancel: () => void): HTMLElement {
  return h('div', { className: 'jp-helium-diff-status jp-helium-diff-loading', attrs: { role: 'status' } }, [
    h('div', { className: 'jp-helium-diff-spinner', attrs: { 'aria-hidden': 'true' } }),
    h('div', { text: trans.__('Loading both versions…') }),
    button(trans.__('Cancel'), 'jp-helium-diff-cancel', onCancel)
  ]);
}

/** What the size-cap message needs. */
export interface ICapStatusOptions {
  request: IDiffRequest;
  provider: IDiffProvider;
  trans: TranslationBundle;
  onLoadAnyway: () => void;
  /** Switch to the summary view; no button when absent. */
  onShowSummary?: () => void;
}

/**
 * "Version A is 340 MiB and B is 360 MiB; the Text view loads whole files…" with its buttons.
 * @param options - the comparison, the provider and the actions.
 * @returns the element.
 */
export function capStatus(options: ICapStatusOptions): HTMLElement {
  const { request, provider, trans } = options;
  const message = trans.__(
    'Version A is %1 and B is %2; the %3 view loads whole files into the browser (up to %4 each without asking), which may take long or freeze this tab.',
    sizeText(request.left.size, trans),
    sizeText(request.right.size, trans),
    provider.label,
    sizeText(provider.maxBytes, trans)
  );
  return h('div', { className: 'jp-helium-diff-status jp-helium-diff-capped' }, [
    h('p', { className: 'jp-helium-diff-message', text: message }),
    h('div', { className: 'jp-helium-diff-actions' }, [
      button(trans.__('Load anyway'), 'jp-helium-diff-loadanyway', options.onLoadAnyway),
      options.onShowSummary && button(trans.__('Show summary'), 'jp-helium-diff-showsummary', options.onShowSummary, true)
    ])
  ]);
}

/**
 * "Cancelled." with a button to load again.
 * @param trans - translations.
 * @param onRetry - what the button does.
 * @returns the element.
 */
export function cancelledStatus(trans: TranslationBundle, onRetry: () => void): HTMLElement {
  return h('div', { className: 'jp-helium-diff-status jp-helium-diff-cancelled' }, [
    h('p', { className: 'jp-helium-diff-message', text: trans.__('Loading was cancelled.') }),
    button(trans.__('Load again'), 'jp-helium-diff-retry', onRetry, true)
  ]);
}

/**
 * The message of an error, for people: a HeliumError's own message; anything else summarised
 * (never a stack trace).
 * @param error - what was thrown.
 * @param trans - translations.
 * @returns the message.
 */
export function errorMessage(error: unknown, trans: TranslationBundle): string {
  if (isHeliumError(error)) {
    // A table's errors carry their parts and are worded here (the table worker words them in English).
    return tableErrorText(error, trans);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return trans.__('The comparison failed: %1', detail);
}

/**
 * An error message (escaped text) with a Try again button.
 * @param error - what was thrown.
 * @param trans - translations.
 * @param onRetry - what Try again does.
 * @returns the element.
 */
export function errorStatus(error: unknown, trans: TranslationBundle, onRetry: () => void): HTMLElement {
  return h('div', { className: 'jp-helium-diff-status' }, [
    h('p', {
      className: 'jp-helium-diff-error',
      text: errorMessage(error, trans),
      attrs: { role: 'alert', 'data-kind': isHeliumError(error) ? error.kind : 'Unknown' }
    }),
    button(trans.__('Try again'), 'jp-helium-diff-retry', onRetry)
  ]);
}

/**
 * "No view can compare these files."
 * @param trans - translations.
 * @returns the element.
 */
export function noProviderStatus(trans: TranslationBundle): HTMLElement {
  return h('div', { className: 'jp-helium-diff-status' }, [
    h('p', { className: 'jp-helium-diff-message', text: trans.__('No view can compare these files.') })
  ]);
}
