/** A Map that forgets its oldest insertions beyond `capacity`, so a long-running projector stays bounded. */
export class RecentMap<K, V> {
  readonly #capacity: number;
  readonly #entries = new Map<K, V>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }

  set(key: K, value: V): void {
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value as K);
  }

  values(): IterableIterator<V> {
    return this.#entries.values();
  }
}

/** The last `capacity` numbers pushed, overwriting the oldest. */
export class SampleWindow {
  readonly #samples: number[] = [];
  readonly #capacity: number;
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  push(value: number): void {
    if (this.#samples.length < this.#capacity) this.#samples.push(value);
    else this.#samples[this.#next] = value;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  snapshot(): number[] {
    return [...this.#samples];
  }
}
