import type { Calendar } from './calendar.ts';
import { openSpans } from './open-spans.ts';

const MINUTE_MS = 60_000;

/** The instant `minutes` of open time after `start`: a deadline that ends exactly at closing time is due then. */
export const addBusinessTime = (calendar: Calendar, start: Date, minutes: number): Date => {
  const from = start.getTime();
  if (calendar === '24x7' || minutes <= 0) return new Date(from + Math.max(0, minutes) * MINUTE_MS);
  let left = minutes * MINUTE_MS;
  for (const [opens, closes] of openSpans(calendar, from)) {
    if (closes - opens >= left) return new Date(opens + left);
    left -= closes - opens;
  }
  throw new Error('unreachable: open spans never end');
};

/** Open minutes from `a` to `b`; negative when `b` comes first. */
export const businessMinutesBetween = (calendar: Calendar, a: Date, b: Date): number => {
  if (b < a) return -businessMinutesBetween(calendar, b, a);
  if (calendar === '24x7') return (b.getTime() - a.getTime()) / MINUTE_MS;
  const until = b.getTime();
  let open = 0;
  for (const [opens, closes] of openSpans(calendar, a.getTime())) {
    if (opens >= until) break;
    open += Math.min(closes, until) - opens;
  }
  return open / MINUTE_MS;
};
