export { BusinessHours, Calendar, weekdays, type Weekday } from './calendar.ts';
export { addBusinessTime, businessMinutesBetween } from './business-time.ts';
export { calendarFor, SlaCalendars, type SlaCalendarsInput } from './calendars.ts';
export { readSlaCalendars } from './read-calendars.ts';
