/**
 * The registry of diff providers: which ways of comparing two versions exist, and which of them
 * fit a key, best first. No DOM, no JupyterLab: the diff tab and the plugins use it.
 */
import { DisposableDelegate, IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import type { IDiffProvider } from '../tokens';

/** Id of the provider that fits every file (sizes and checksums): always listed last. */
export const FALLBACK_PROVIDER_ID = 'summary';

/** Diff providers by id, ranked per key. */
export class DiffRegistry {
  /** Emitted when a provider is added or removed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /**
   * Add a provider.
   * @param provider - the provider; its id must be new.
   * @returns a disposable that removes the provider again.
   * @throws Error when a provider with the same id is registered already (a programming error).
   */
  register(provider: IDiffProvider): IDisposable {
    if (this._providers.has(provider.id)) {
      throw new Error(`A diff provider with id "${provider.id}" is registered already.`);
    }
    this._providers.set(provider.id, provider);
    this._changed.emit();
    return new DisposableDelegate(() => {
      if (this._providers.get(provider.id) === provider) {
        this._providers.delete(provider.id);
        this._changed.emit();
      }
    });
  }

  /**
   * The provider with an id.
   * @param id - the provider's id.
   * @returns the provider, or undefined.
   */
  get(id: string): IDiffProvider | undefined {
    return this._providers.get(id);
  }

  /**
   * The providers that accept a key (rank > 0), best first; ties keep the order of registration
   * and the fallback comes last whatever its rank. A provider whose `rank` throws is left out.
   * @param key - the object's key.
   * @param contentType - its Content-Type, when known.
   * @returns the providers.
   */
  providersFor(key: string, contentType?: string): IDiffProvider[] {
    const ranked: { provider: IDiffProvider; rank: number; order: number }[] = [];
    let order = 0;
    for (const provider of this._providers.values()) {
      let rank: number;
      try {
        rank = provider.rank(key, contentType);
      } catch {
        rank = 0;
      }
      if (Number.isFinite(rank) && rank > 0) {
        ranked.push({ provider, rank, order: order++ });
      }
    }
    const isFallback = (p: IDiffProvider) => (p.id === FALLBACK_PROVIDER_ID ? 1 : 0);
    ranked.sort((a, b) => isFallback(a.provider) - isFallback(b.provider) || b.rank - a.rank || a.order - b.order);
    return ranked.map(r => r.provider);
  }

  private _providers = new Map<string, IDiffProvider>();
  private _changed = new Signal<this, void>(this);
}

/**
 * The extension of a key's last segment, lowercased and without the dot (`data/A.CSV` → `csv`).
 * @param key - the object's key.
 * @returns the extension, or '' when there is none (also for dot files like `.env`).
 */
export function keyExtension(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * The media type of a Content-Type header, lowercased, without parameters.
 * @param contentType - e.g. `Text/Plain; charset=utf-8`.
 * @returns e.g. `text/plain`, or '' when absent.
 */
export function mediaType(contentType?: string): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}
