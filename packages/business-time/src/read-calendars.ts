import { readFile } from 'node:fs/promises';
import { describeIssues } from '@triage/contracts';
import { SlaCalendars } from './calendars.ts';

/**
 * The calendars file (`SLA_CALENDARS_FILE`), read once at a service's start by every service that
 * counts business time, so they all count it alike; no file, every desk is open 24x7. A bad file
 * throws, naming it and the field at fault, so the service stops rather than count on a wrong clock.
 */
export const readSlaCalendars = async (file: string | undefined): Promise<SlaCalendars> => {
  if (!file) return SlaCalendars.parse({});
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`SLA calendars ${file}: ${(error as Error).message}`);
  }
  const parsed = SlaCalendars.safeParse(json);
  if (!parsed.success) throw new Error(`invalid SLA calendars in ${file}: ${describeIssues(parsed.error)}`);
  return parsed.data;
};
