/**
 * A subscription's consumer crashes in a row. A committed batch ends the streak; so does a quiet
 * spell longer than `gapMs`, since on a topic that sees no events between two crashes weeks apart
 * no batch would ever end it.
 */
export class CrashStreak {
  readonly #gapMs: number;
  readonly #now: () => number;
  #count = 0;
  #lastAt = Number.NEGATIVE_INFINITY;

  constructor(gapMs: number, now: () => number = Date.now) {
    this.#gapMs = gapMs;
    this.#now = now;
  }

  /** Records a crash and returns its place in the streak, from 1. */
  crashed(): number {
    if (this.#now() - this.#lastAt > this.#gapMs) this.#count = 0;
    return this.failedAgain();
  }

  /** Records a replacement that failed: part of the streak however long it took to fail. */
  failedAgain(): number {
    this.#lastAt = this.#now();
    return ++this.#count;
  }

  /** A batch went through. */
  end(): void {
    this.#count = 0;
  }
}
