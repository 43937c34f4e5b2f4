// A Map bounded in size that forgets its least recently used entry first, with a time to live
// per entry. Two of these back the key store, so that one kind of entry can never push out the
// other: a flood of made-up keys churns the cache of unknown keys and nothing else.
export class BoundedCache<V> {
  readonly #max: number;
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`cache size must be a positive integer, got ${max}`);
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The value, if present and not past its time; a hit becomes the most recently used. */
  get(key: string, nowMs: number): V | undefined {
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    this.#entries.delete(key);
    if (hit.until <= nowMs) return undefined;
    this.#entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, until: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, until });
    // A Map iterates in insertion order: the first key is the least recently used.
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Removes every entry whose value `matches`. */
  deleteWhere(matches: (value: V) => boolean): void {
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
