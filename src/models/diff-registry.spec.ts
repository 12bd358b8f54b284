import type { Widget } from '@lumino/widgets';
import type { IDiffProvider } from '../tokens';
import { DiffRegistry, FALLBACK_PROVIDER_ID, keyExtension, mediaType } from './diff-registry';

/** A provider ranking keys with a function. */
function provider(id: string, rank: (key: string, contentType?: string) => number): IDiffProvider {
  return {
    id,
    label: id,
    rank,
    maxBytes: 1024,
    createView: async () => ({}) as Widget
  };
}

const ids = (providers: IDiffProvider[]) => providers.map(p => p.id);

describe('DiffRegistry', () => {
  it('lists the providers that accept a key, best first', () => {
    const registry = new DiffRegistry();
    registry.register(provider('text', k => (k.endsWith('.json') ? 10 : 0)));
    registry.register(provider('json', k => (k.endsWith('.json') ? 50 : 0)));
    registry.register(provider('image', k => (k.endsWith('.png') ? 50 : 0)));
    expect(ids(registry.providersFor('a/b.json'))).toEqual(['json', 'text']);
    expect(ids(registry.providersFor('a/b.png'))).toEqual(['image']);
    expect(ids(registry.providersFor('a/b.bin'))).toEqual([]);
  });

  it('passes the content type to rank', () => {
    const registry = new DiffRegistry();
    registry.register(provider('text', (_k, type) => (type === 'text/plain' ? 10 : 0)));
    expect(ids(registry.providersFor('README', 'text/plain'))).toEqual(['text']);
    expect(ids(registry.providersFor('README'))).toEqual([]);
  });

  it('keeps the fallback last even when something ranks lower', () => {
    const registry = new DiffRegistry();
    registry.register(provider(FALLBACK_PROVIDER_ID, () => 1));
    registry.register(provider('odd', () => 0.5));
    registry.register(provider('text', () => 10));
    expect(ids(registry.providersFor('x.txt'))).toEqual(['text', 'odd', FALLBACK_PROVIDER_ID]);
  });

  it('breaks ties by registration order and skips providers whose rank throws', () => {
    const registry = new DiffRegistry();
    registry.register(provider('first', () => 50));
    registry.register(
      provider('broken', () => {
        throw new Error('boom');
      })
    );
    registry.register(provider('second', () => 50));
    expect(ids(registry.providersFor('x'))).toEqual(['first', 'second']);
  });

  it('removes a provider when its registration is disposed, and signals changes', () => {
    const registry = new DiffRegistry();
    let changes = 0;
    registry.changed.connect(() => changes++);
    const registration = registry.register(provider('json', () => 50));
    expect(registry.get('json')).toBeDefined();
    registration.dispose();
    expect(registry.get('json')).toBeUndefined();
    expect(ids(registry.providersFor('x.json'))).toEqual([]);
    expect(changes).toBe(2);
    // The id can be used again afterwards.
    registry.register(provider('json', () => 50));
    expect(ids(registry.providersFor('x.json'))).toEqual(['json']);
  });

  it('refuses two providers with the same id', () => {
    const registry = new DiffRegistry();
    registry.register(provider('json', () => 50));
    expect(() => registry.register(provider('json', () => 60))).toThrow(/registered already/);
  });
});

describe('keyExtension and mediaType', () => {
  it('reads the extension of the last segment only', () => {
    expect(keyExtension('data/A.CSV')).toBe('csv');
    expect(keyExtension('v1.2/README')).toBe('');
    expect(keyExtension('dir/.env')).toBe('');
    expect(keyExtension('x.tar.gz')).toBe('gz');
  });

  it('strips parameters and case from a Content-Type', () => {
    expect(mediaType('Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(mediaType()).toBe('');
  });
});
