import { z } from 'zod';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The ranges the page offers: today so far, and the last 7 or 30 days counting today. */
export const RANGES = { today: 1, '7d': 7, '30d': 30 } as const;
export type RangeName = keyof typeof RANGES;
export const RangeParam = z.enum(Object.keys(RANGES) as [RangeName, ...RangeName[]]).default('7d');

export const RANGE_LABELS: Record<RangeName, string> = { today: 'Today', '7d': '7 days', '30d': '30 days' };

export interface Period {
  range: RangeName;
  /** ISO: the first day's 00:00 UTC. */
  from: string;
  /** ISO: now, the end of the period. */
  to: string;
  /** Each day of the period, `YYYY-MM-DD` in UTC, oldest first. */
  days: string[];
}

/** Days are UTC, like every time on the page, so every operator reads the same day. */
export const periodOf = (range: RangeName, now: number): Period => {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const days = Array.from({ length: RANGES[range] }, (_, i) =>
    new Date(today - (RANGES[range] - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  return { range, from: `${days[0]}T00:00:00.000Z`, to: new Date(now).toISOString(), days };
};

/** The UTC day of an instant. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
