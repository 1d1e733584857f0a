const MINUTE_MS = 60_000;

export interface MinuteCounts {
  /** Start of the minute, ISO 8601. */
  minute: string;
  deflections: number;
  escalations: number;
}

/** Deflections and escalations per wall-clock minute, keeping only the last `minutes` minutes. */
export class MinuteSeries {
  readonly #minutes: number;
  readonly #buckets = new Map<number, { deflections: number; escalations: number }>();

  constructor(minutes: number) {
    this.#minutes = minutes;
  }

  add(kind: 'deflections' | 'escalations', at: number, now: number): void {
    const minute = Math.floor(at / MINUTE_MS);
    const oldest = Math.floor(now / MINUTE_MS) - this.#minutes + 1;
    if (minute < oldest) return;
    const bucket = this.#buckets.get(minute) ?? { deflections: 0, escalations: 0 };
    bucket[kind] += 1;
    this.#buckets.set(minute, bucket);
    for (const key of this.#buckets.keys()) if (key < oldest) this.#buckets.delete(key);
  }

  /** One entry per minute of the window ending at `now`'s minute, oldest first, zeros included. */
  series(now: number): MinuteCounts[] {
    const last = Math.floor(now / MINUTE_MS);
    return Array.from({ length: this.#minutes }, (_, i) => {
      const minute = last - this.#minutes + 1 + i;
      const bucket = this.#buckets.get(minute);
      return {
        minute: new Date(minute * MINUTE_MS).toISOString(),
        deflections: bucket?.deflections ?? 0,
        escalations: bucket?.escalations ?? 0,
      };
    });
  }
}
