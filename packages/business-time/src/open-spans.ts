import { DateTime } from 'luxon';
import { type BusinessHours, clockMinutes, type Weekday, weekdays } from './calendar.ts';

/** Luxon numbers weekdays 1 (Monday) to 7 (Sunday). */
const weekdayOf = (day: DateTime): Weekday => weekdays[day.weekday - 1]!;

// A clock time that a DST change skips (02:30 on a spring-forward day) becomes the first instant after the gap.
const instantAt = (day: DateTime, clock: string): number => {
  const minutes = clockMinutes(clock);
  return minutes === 24 * 60
    ? day.plus({ days: 1 }).toMillis()
    : day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
};

/**
 * The open intervals [start, end) in epoch milliseconds from `fromMs` on, in order, the first one
 * cut at `fromMs`. Endless: the caller stops when it has walked far enough.
 */
export function* openSpans(hours: BusinessHours, fromMs: number): Generator<[number, number]> {
  const holidays = new Set(hours.holidays);
  for (let day = DateTime.fromMillis(fromMs, { zone: hours.zone }).startOf('day'); ; day = day.plus({ days: 1 })) {
    if (holidays.has(day.toISODate() ?? '')) continue;
    const spans = [...hours.week[weekdayOf(day)]].sort((a, b) => clockMinutes(a[0]) - clockMinutes(b[0]));
    for (const [opens, closes] of spans) {
      const end = instantAt(day, closes);
      if (end > fromMs) yield [Math.max(instantAt(day, opens), fromMs), end];
    }
  }
}
