import { IANAZone } from 'luxon';
import { z } from 'zod';

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Minutes after local midnight of an `HH:mm` clock time; `24:00` closes a day that runs to midnight. */
export const clockMinutes = (clock: string): number => {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * 60 + minutes;
};

const Clock = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a local time as HH:mm, from 00:00 to 24:00');

const Span = z
  .tuple([Clock, Clock])
  .refine(([opens, closes]) => clockMinutes(opens) < clockMinutes(closes), 'a span closes after it opens, on the same day');

// Overlapping spans would count the shared time twice.
const DaySpans = z
  .array(Span)
  .default([])
  .refine(
    (spans) =>
      [...spans]
        .sort((a, b) => clockMinutes(a[0]) - clockMinutes(b[0]))
        .every((span, i, sorted) => i === 0 || clockMinutes(sorted[i - 1]![1]) <= clockMinutes(span[0])),
    'spans of one day must not overlap',
  );

/** Open hours in one time zone: spans per weekday, and dates on which the desk stays closed. */
export const BusinessHours = z
  .strictObject({
    zone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'an IANA time zone, such as Europe/Berlin'),
    week: z.strictObject({ mon: DaySpans, tue: DaySpans, wed: DaySpans, thu: DaySpans, fri: DaySpans, sat: DaySpans, sun: DaySpans }),
    holidays: z.array(z.iso.date()).default([]),
  })
  // With one open weekday, a finite list of holidays always leaves open time ahead: every walk ends.
  .refine((hours) => weekdays.some((day) => hours.week[day].length > 0), 'the desk must open on at least one weekday');

/** A desk's clock: `24x7`, or business hours. */
export const Calendar = z.union([z.literal('24x7'), BusinessHours]);

export type BusinessHours = z.infer<typeof BusinessHours>;
export type Calendar = z.infer<typeof Calendar>;
