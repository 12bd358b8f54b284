/**
 * A bounded map that drops its least recently used entries: the bound of the engine's per-client
 * caches (see snapshots/registry-caches.ts).
 */

/**
 * A map holding at most `limit` entries, dropping the least recently used (a read or a write
 * makes an entry the most recently used).
 */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  /**
   * @param limit - the most entries kept (at least 1).
   */
  constructor(readonly limit: number) {}

  /** The number of entries. */
  get size(): number {
    return this.map.size;
  }

  /**
   * Whether a key is held (does not change the order).
   * @param key - the key.
   * @returns true when held.
   */
  has(key: K): boolean {
    return this.map.has(key);
  }

  /**
   * A value, made the most recently used.
   * @param key - the key.
   * @returns the value, or undefined.
   */
  get(key: K): V | undefined {
    if (!this.map.has(key)) {
      return undefined;
    }
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  /**
   * Set a value (the most recently used), dropping the least recently used beyond the limit.
   * @param key - the key.
   * @param value - the value.
   * @returns this map.
   */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    for (const oldest of this.map.keys()) {
      if (this.map.size <= Math.max(1, this.limit)) {
        break;
      }
      this.map.delete(oldest);
    }
    return this;
  }

  /**
   * Forget a key.
   * @param key - the key.
   * @returns whether it was held.
   */
  delete(key: K): boolean {
    return this.map.delete(key);
  }

  /** Forget everything. */
  clear(): void {
    this.map.clear();
  }

  /**
   * The keys, least recently used first.
   * @returns an iterator.
   */
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}
