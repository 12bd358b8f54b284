/**
 * The summary diff, for any file: both versions' sizes, S3 SHA-256 checksums and ETags, and
 * whether the content is identical, saying which evidence decided. Content is hashed without asking
 * only for small objects; larger ones wait for "Load anyway", which reads them in ranged chunks
 * (memory stays bounded whatever their size).
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { IDiffRequest, IDiffSide } from '../../tokens';
import { button, h } from './dom';
import { sideLetter, sizeText } from './diff-labels';
import { errorMessage } from './diff-status';
import type { IDecision } from '../../models/diff-summary-evidence';

/** What a {@link SummaryDiffView} shows. */
export interface ISummaryDiffViewOptions {
  /** The comparison, with what is known of both sides. */
  request: IDiffRequest;
  /** The decision so far. */
  decision: IDecision;
  /** Compares content by reading; offered with "Load anyway" while the decision is unknown. */
  compareContent?: (signal: AbortSignal) => Promise<IDecision>;
  /** Aborted when the tab closes or shows something else. */
  signal?: AbortSignal;
  trans: TranslationBundle;
}

/**
 * The sentence for a decision.
 * @param decision - the verdict and evidence.
 * @param request - the sides (for sizes).
 * @param trans - translations.
 * @returns the sentence.
 */
export function verdictText(decision: IDecision, request: IDiffRequest, trans: TranslationBundle): string {
  const { verdict, evidence } = decision;
  if (verdict === 'different' && evidence === 'size') {
    return trans.__('Different: the sizes differ (%1 and %2).', sizeText(request.left.size, trans), sizeText(request.right.size, trans));
  }
  if (evidence === 'checksum') {
    return verdict === 'identical'
      ? trans.__('Identical: the S3 SHA-256 checksums are equal.')
      : trans.__('Different: the S3 SHA-256 checksums differ.');
  }
  if (evidence === 'content') {
    return verdict === 'identical'
      ? trans.__('Identical: the SHA-256 of the content is the same.')
      : trans.__('Different: the SHA-256 of the content differs.');
  }
  return trans.__('Not decided: the sizes are equal or unknown and there are no checksums of the same kind to compare.');
}

/** The summary view. */
export class SummaryDiffView extends Widget {
  /**
   * @param options - the sides, the decision so far, and how to compare content.
   */
  constructor(options: ISummaryDiffViewOptions) {
    super();
    this._options = options;
    this._decision = options.decision;
    this.addClass('jp-helium-diff-summary');
    this._render();
  }

  /** The current decision. */
  get decision(): IDecision {
    return this._decision;
  }

  /** Stop a content comparison in progress. */
  dispose(): void {
    this._controller?.abort();
    super.dispose();
  }

  /** Read and hash both sides (the "Load anyway" action). */
  async compareContent(): Promise<void> {
    const compare = this._options.compareContent;
    if (!compare || this._controller) {
      return;
    }
    const controller = new AbortController();
    this._controller = controller;
    const outer = this._options.signal;
    const onAbort = () => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    this._error = null;
    this._render();
    try {
      this._decision = await compare(controller.signal);
    } catch (error) {
      this._error = controller.signal.aborted ? this._options.trans.__('Cancelled.') : errorMessage(error, this._options.trans);
    } finally {
      outer?.removeEventListener('abort', onAbort);
      this._controller = null;
      if (!this.isDisposed) {
        this._render();
      }
    }
  }

  /** Draw the verdict and the facts table. */
  private _render(): void {
    const { request, trans } = this._options;
    const decision = this._decision;
    const verdict = h(
      'div',
      {
        className: 'jp-helium-diff-verdict',
        attrs: { 'data-verdict': decision.verdict, 'data-evidence': decision.evidence, role: 'status' }
      },
      [h('span', { text: verdictText(decision, request, trans) })]
    );
    const actions = h('div', { className: 'jp-helium-diff-actions' });
    if (decision.verdict === 'unknown' && this._options.compareContent) {
      if (this._controller) {
        actions.append(
          h('div', { className: 'jp-helium-diff-spinner', attrs: { 'aria-hidden': 'true' } }),
          h('span', { text: trans.__('Reading and hashing…') }),
          button(trans.__('Cancel'), 'jp-helium-diff-cancel', () => this._controller?.abort())
        );
      } else {
        actions.append(
          h('span', {
            className: 'jp-helium-diff-message',
            text: trans.__(
              'Comparing the content reads all of version A (%1) and B (%2), a few MiB at a time.',
              sizeText(request.left.size, trans),
              sizeText(request.right.size, trans)
            )
          }),
          button(trans.__('Load anyway'), 'jp-helium-diff-loadanyway', () => void this.compareContent())
        );
      }
    }
    const error = this._error ? h('p', { className: 'jp-helium-diff-error', text: this._error, attrs: { role: 'alert' } }) : null;
    this.node.textContent = '';
    this.node.append(verdict, actions);
    if (error) {
      this.node.append(error);
    }
    this.node.append(this._table());
  }

  /** Label, size, checksum, ETag, type and version of both sides. */
  private _table(): HTMLElement {
    const { request, trans } = this._options;
    const { left, right } = request;
    const digests = this._decision.digests;
    const rows: [string, (s: IDiffSide, which: 'left' | 'right') => string][] = [
      [trans.__('Version'), s => s.label],
      [trans.__('Size'), s => (s.size === undefined ? trans.__('unknown') : `${sizeText(s.size, trans)} (${s.size.toLocaleString()} B)`)],
      [trans.__('S3 SHA-256 checksum'), s => s.checksumSha256 ?? trans.__('none')],
      [trans.__('ETag'), s => s.etag ?? trans.__('unknown')],
      [trans.__('Content-Type'), s => s.contentType ?? trans.__('unknown')],
      [trans.__('Version id'), s => s.versionId ?? trans.__('current')]
    ];
    if (digests) {
      rows.push([trans.__('SHA-256 of the content'), (_s, which) => digests[which]]);
    }
    const head = h('tr', {}, [
      h('th', { text: '' }),
      h('th', { text: sideLetter('left'), attrs: { scope: 'col' } }),
      h('th', { text: sideLetter('right'), attrs: { scope: 'col' } })
    ]);
    const body = rows.map(([name, value]) => {
      const a = value(left, 'left');
      const b = value(right, 'right');
      return h('tr', { attrs: { 'data-same': String(a === b) } }, [
        h('th', { text: name, attrs: { scope: 'row' } }),
        h('td', { text: a, attrs: { 'data-side': 'left' } }),
        h('td', { text: b, attrs: { 'data-side': 'right' } })
      ]);
    });
    return h('table', { className: 'jp-helium-diff-facts' }, [h('thead', {}, [head]), h('tbody', {}, body)]);
  }

  private _options: ISummaryDiffViewOptions;
  private _decision: IDecision;
  private _controller: AbortController | null = null;
  private _error: string | null = null;
}
