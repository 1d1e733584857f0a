import { describe, expect, it } from 'vitest';
import { addBusinessTime, BusinessHours, businessMinutesBetween, type Calendar } from '../src/index.ts';

const nineToFive = (zone: string, holidays: string[] = []): Calendar => {
  const day: [string, string][] = [['09:00', '17:00']];
  return BusinessHours.parse({ zone, week: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays });
};
const allDay = (zone: string): Calendar => {
  const day: [string, string][] = [['00:00', '24:00']];
  return BusinessHours.parse({ zone, week: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day } });
};
const at = (iso: string) => new Date(iso);

describe('addBusinessTime', () => {
  it('runs on the wall clock in a 24x7 calendar', () => {
    expect(addBusinessTime('24x7', at('2026-10-24T10:00:00Z'), 90).toISOString()).toBe('2026-10-24T11:30:00.000Z');
  });

  it('stops the clock over the weekend', () => {
    // Friday 16:00 in Berlin (CEST) + 2 h of office time: 1 h on Friday, 1 h on Monday (CET after the change).
    const due = addBusinessTime(nineToFive('Europe/Berlin'), at('2026-10-23T14:00:00Z'), 120);
    expect(due.toISOString()).toBe('2026-10-26T09:00:00.000Z');
  });

  it('starts counting at opening time when the ticket comes in at night', () => {
    const due = addBusinessTime(nineToFive('America/New_York'), at('2026-06-02T03:00:00Z'), 30);
    expect(due.toISOString()).toBe('2026-06-02T13:30:00.000Z');
  });

  it('is due at closing time when the window ends exactly there', () => {
    const due = addBusinessTime(nineToFive('UTC'), at('2026-06-01T09:00:00Z'), 8 * 60);
    expect(due.toISOString()).toBe('2026-06-01T17:00:00.000Z');
  });

  it('skips holidays', () => {
    // Thursday 24 December 16:00, Christmas Friday is a holiday: the second hour is Monday's first.
    const due = addBusinessTime(nineToFive('UTC', ['2026-12-25']), at('2026-12-24T16:00:00Z'), 120);
    expect(due.toISOString()).toBe('2026-12-28T10:00:00.000Z');
  });

  it('keeps local opening hours across a spring-forward change', () => {
    // New York moves from EST (-5) to EDT (-4) on Sunday 8 March 2026: Friday 16:00 EST + 2 h → Monday 10:00 EDT.
    const due = addBusinessTime(nineToFive('America/New_York'), at('2026-03-06T21:00:00Z'), 120);
    expect(due.toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts the real length of a day that a DST change shortens', () => {
    // Berlin's 29 March 2026 lasts 23 hours: a day of open time ends at the next local midnight.
    const due = addBusinessTime(allDay('Europe/Berlin'), at('2026-03-28T23:00:00Z'), 23 * 60);
    expect(due.toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open time, and negatively backwards', () => {
    const calendar = nineToFive('Europe/Berlin');
    expect(businessMinutesBetween(calendar, at('2026-10-23T14:00:00Z'), at('2026-10-26T09:00:00Z'))).toBe(120);
    expect(businessMinutesBetween(calendar, at('2026-10-26T09:00:00Z'), at('2026-10-23T14:00:00Z'))).toBe(-120);
    expect(businessMinutesBetween(calendar, at('2026-10-24T10:00:00Z'), at('2026-10-25T10:00:00Z'))).toBe(0);
  });

  it('gives a fall-back day its 25 hours', () => {
    expect(businessMinutesBetween(allDay('Europe/Berlin'), at('2026-10-24T22:00:00Z'), at('2026-10-25T23:00:00Z'))).toBe(25 * 60);
  });

  it('undoes addBusinessTime from any start', () => {
    const calendars = [nineToFive('Asia/Kolkata', ['2026-01-26']), nineToFive('America/New_York'), allDay('Australia/Lord_Howe')];
    for (let i = 0; i < 300; i++) {
      const calendar = calendars[i % calendars.length]!;
      const start = new Date(Date.UTC(2026, 0, 1) + ((i * 7_919_333_017) % (365 * 86_400_000)));
      const minutes = (i * 37) % 5_000;
      expect(businessMinutesBetween(calendar, start, addBusinessTime(calendar, start, minutes))).toBeCloseTo(minutes, 6);
    }
  });
});

describe('BusinessHours', () => {
  it('refuses a desk that never opens, an unknown zone and overlapping spans', () => {
    expect(BusinessHours.safeParse({ zone: 'UTC', week: {} }).success).toBe(false);
    expect(BusinessHours.safeParse({ zone: 'Mars/Olympus', week: { mon: [['09:00', '17:00']] } }).success).toBe(false);
    expect(
      BusinessHours.safeParse({
        zone: 'UTC',
        week: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      }).success,
    ).toBe(false);
  });
});
