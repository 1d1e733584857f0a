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

  /** Records a crash (or a failed replacement) and returns its place in the streak, from 1. */
  crashed(): number {
    const at = this.#now();
    if (at - this.#lastAt > this.#gapMs) this.#count = 0;
    this.#lastAt = at;
    return ++this.#count;
  }

  /** A batch went through. */
  end(): void {
    this.#count = 0;
  }
}
