/** Where a partition's consumption stands: the offset of the next message to read. */
export interface PartitionOffset {
  partition: number;
  offset: string;
}

/**
 * An at-least-once subscription's offsets, committed a short while after they are reached rather
 * than after every chunk. At a trickle every chunk is one message, and its commit was a write to the
 * group's offsets log: 0.74 ms of broker CPU and 6 ms of waiting a commit on this machine, against
 * 0.26 and 0.5 for publishing the chunk's outputs, paid by every stage for every ticket. An offset
 * not yet committed costs only a redelivery after a crash or a rebalance, and the stages' records
 * and their readers' duplicate checks absorb redeliveries.
 */
export class DeferredCommits {
  readonly #commit: (offsets: PartitionOffset[]) => Promise<void>;
  readonly #delayMs: number;
  readonly #onError: (error: unknown) => void;
  /** The latest offset reached per partition, not yet committed. */
  readonly #pending = new Map<number, string>();
  #timer: NodeJS.Timeout | undefined;
  #committing: Promise<void> = Promise.resolve();
  /** Advanced by `drop`: offsets taken before it belong to a consumer that is gone and are not committed. */
  #epoch = 0;
  /** Partitions on which this subscription has committed a position. */
  readonly #positioned = new Set<number>();

  constructor(commit: (offsets: PartitionOffset[]) => Promise<void>, delayMs: number, onError: (error: unknown) => void) {
    this.#commit = commit;
    this.#delayMs = delayMs;
    this.#onError = onError;
  }

  /**
   * The partition has been consumed up to `offset`: committed within `delayMs`, except the first
   * offset this subscription reaches on a partition, which is committed before this resolves. Until
   * a group has committed a position on a partition, a consumer that replaces a crashed one would
   * start at the partition's end (`startAt: 'latest'`) and skip what the lost commits covered; once
   * it has one, an uncommitted offset only means reading again from there.
   */
  async reached(partition: number, offset: string): Promise<void> {
    this.#pending.set(partition, offset);
    if (!this.#positioned.has(partition)) {
      const epoch = this.#epoch;
      await this.flush();
      if (epoch === this.#epoch) this.#positioned.add(partition);
      return;
    }
    this.#timer ??= setTimeout(() => void this.flush().catch(this.#onError), this.#delayMs);
  }

  /**
   * Only these partitions are still this consumer's (after a rebalance): what it reached on the
   * others is not committed, so it cannot move back a position their new owner has committed since.
   */
  retain(partitions: number[]): void {
    for (const partition of this.#pending.keys()) if (!partitions.includes(partition)) this.#pending.delete(partition);
  }

  /**
   * Commits what is pending now, after any commit under way. Offsets whose commit fails are pending
   * again (unless a later one was reached meanwhile), so the next flush, or the stop, tries them again.
   */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const offsets = [...this.#pending].map(([partition, offset]) => ({ partition, offset }));
    this.#pending.clear();
    const epoch = this.#epoch;
    const commit = async () => {
      if (offsets.length === 0 || epoch !== this.#epoch) return;
      try {
        await this.#commit(offsets);
      } catch (error) {
        if (epoch === this.#epoch)
          for (const { partition, offset } of offsets) if (!this.#pending.has(partition)) this.#pending.set(partition, offset);
        throw error;
      }
    };
    // A commit that failed was reported to whoever flushed it; the next one goes ahead regardless.
    this.#committing = this.#committing.catch(() => undefined).then(commit);
    return this.#committing;
  }

  /** Forgets what is pending, and a commit not yet sent, without committing it (the consumer it was reached by is gone). */
  drop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
    this.#epoch += 1;
  }
}
