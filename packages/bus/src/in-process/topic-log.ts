import type { TopicMessage } from '../types.ts';

export interface StoredMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface PlacedMessage extends StoredMessage {
  partition: number;
}

/** FNV-1a: any stable hash keeps one key on one partition, which is all ordering needs. */
const hash = (key: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
};

/** One topic in memory: partitioned append-only logs, like Kafka's, so ordering is per key. */
export class TopicLog {
  readonly name: string;
  readonly partitions: StoredMessage[][];
  readonly #listeners = new Set<() => void>();
  #roundRobin = 0;

  constructor(name: string, partitions: number) {
    this.name = name;
    this.partitions = Array.from({ length: partitions }, () => []);
  }

  /** The partition a message goes to: its key's, so ordering is per key, or the next in turn without one. */
  partitionFor(key: string | null): number {
    return key === null ? this.#roundRobin++ % this.partitions.length : hash(key) % this.partitions.length;
  }

  /** Appends messages placed by `partitionFor`, in order, then wakes the listeners once. */
  append(messages: PlacedMessage[]): void {
    for (const { partition, key, value, headers } of messages) this.partitions[partition]!.push({ key, value, headers });
    for (const listener of this.#listeners) listener();
  }

  /** Up to `max` messages of `partition` from `offset` on, with their positions. */
  slice(partition: number, offset: number, max: number): TopicMessage[] {
    return this.partitions[partition]!.slice(offset, offset + max).map((message, i) => ({
      topic: this.name,
      partition,
      offset: String(offset + i),
      ...message,
    }));
  }

  onAppend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
