import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFor, readSlaCalendars, SlaCalendars } from '../src/index.ts';

const office = { zone: 'Europe/Paris', week: { mon: [['09:00', '18:00']] } };

describe('calendarFor', () => {
  const calendars = SlaCalendars.parse({
    tenants: { acme: { default: office, tiers: { enterprise: '24x7' } }, globex: { tiers: { free: office } } },
  });

  it('takes the tenant tier, then the tenant default, then the global 24x7', () => {
    expect(calendarFor(calendars, 'acme', 'enterprise')).toBe('24x7');
    expect(calendarFor(calendars, 'acme', 'pro')).toMatchObject({ zone: 'Europe/Paris' });
    expect(calendarFor(calendars, 'globex', 'free')).toMatchObject({ zone: 'Europe/Paris' });
    expect(calendarFor(calendars, 'globex', 'pro')).toBe('24x7');
    expect(calendarFor(calendars, 'initech', 'enterprise')).toBe('24x7');
  });

  it('refuses a tier that does not exist', () => {
    expect(SlaCalendars.safeParse({ tenants: { acme: { tiers: { platinum: '24x7' } } } }).success).toBe(false);
  });
});

describe('readSlaCalendars', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sla-calendars-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const fileWith = async (name: string, text: string) => {
    const file = join(dir, name);
    await writeFile(file, text);
    return file;
  };

  it('reads a file of calendars, and counts every desk 24x7 without one', async () => {
    const calendars = await readSlaCalendars(await fileWith('ok.json', JSON.stringify({ tenants: { acme: { default: office } } })));
    expect(calendarFor(calendars, 'acme', 'pro')).toMatchObject({ zone: 'Europe/Paris' });
    expect(calendarFor(await readSlaCalendars(undefined), 'acme', 'pro')).toBe('24x7');
  });

  it('refuses a file that is not JSON, or whose calendars are not, naming the file and the field', async () => {
    const broken = await fileWith('broken.json', '{ tenants: ');
    await expect(readSlaCalendars(broken)).rejects.toThrow(broken);
    const wrong = await fileWith('wrong.json', JSON.stringify({ tenants: { acme: { tiers: { platinum: '24x7' } } } }));
    await expect(readSlaCalendars(wrong)).rejects.toThrow(new RegExp(`invalid SLA calendars in ${wrong}: .*platinum`));
  });
});
