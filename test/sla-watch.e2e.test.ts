// The SLA watch as deployed: two instances on one database, deadlines shortened by config
// (SLA_WINDOW_SCALE), one instance SIGKILLed between the at-risk and the breach moments and
// started again. Each escalation is in the outbox exactly once; none for tickets answered in time,
// none for a tier whose desk is closed (its clock waits for the next open day).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createKafkaBus, type Bus } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { createPgStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appliedEvent, escalations, routedEvent } from '../services/sla-watch/test/fixtures.ts';
import { freshDatabase } from './harness/database.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { waitFor } from './harness/wait.ts';

const DAY_MS = 86_400_000;
const weekday = (ms: number) => (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(ms).getUTCDay()]!;
// The escalator's 60 and 120 minutes become 10 and 20 seconds: at risk after 7.5 and 15.
const SCALE = 1 / 360;
const UNANSWERED = 40;

let database: Awaited<ReturnType<typeof freshDatabase>>;
let store: Store;
let bus: Bus;
let calendarsDir: string;
const env: Record<string, string> = {};
const running = new Map<string, ServiceProcess>();
const start = async (instance: string) =>
  running.set(instance, await startService('sla-watch', { ...env, INSTANCE_ID: instance }, 120_000));

beforeAll(async () => {
  database = await freshDatabase(inject('databaseUrl'));
  store = await createPgStore({ url: database.url, embeddingDim: 8, poolSize: 2 });
  await store.tenants.ensure('acme');
  // acme's pro desk opens only the day after tomorrow: closed from now until then, like a weekend.
  calendarsDir = await mkdtemp(join(tmpdir(), 'sla-calendars-'));
  const calendars = join(calendarsDir, 'calendars.json');
  const openDay = weekday(Date.now() + 2 * DAY_MS);
  await writeFile(
    calendars,
    JSON.stringify({ tenants: { acme: { tiers: { pro: { zone: 'UTC', week: { [openDay]: [['00:00', '24:00']] } } } } } }),
  );
  Object.assign(env, {
    DATABASE_URL: database.url,
    EMBEDDING_DIM: '8',
    KAFKA_BROKERS: inject('kafkaBrokers'),
    KAFKA_TOPIC_PREFIX: `sla-${randomBytes(4).toString('hex')}.`,
    SLA_CALENDARS_FILE: calendars,
    SLA_WINDOW_SCALE: String(SCALE),
    SLA_SCAN_INTERVAL_MS: '200',
    SLA_SCAN_BATCH: '5',
  });
  bus = createKafkaBus({ brokers: [env.KAFKA_BROKERS!], clientId: 'sla-e2e', topicPrefix: env.KAFKA_TOPIC_PREFIX! });
  await Promise.all([start('a'), start('b')]);
}, 180_000);

afterAll(async () => {
  await Promise.all([...running.values()].map((s) => s.stop()));
  await bus?.close();
  await store?.close();
  await database?.drop();
  await rm(calendarsDir, { recursive: true, force: true });
});

describe('the SLA watch, two instances, one killed', () => {
  it('sends each escalation once, none for tickets answered in time or a closed desk', async () => {
    const now = Date.now();
    // Spread over two seconds, so the instances are still firing at-risk events when one is killed.
    const unanswered = Array.from({ length: UNANSWERED }, (_, i) =>
      routedEvent({ ticketId: `late-${i}`, receivedAt: new Date(now + i * 50).toISOString(), resolutionMinutes: 120 }),
    );
    const answered = Array.from({ length: 5 }, (_, i) =>
      routedEvent({ ticketId: `answered-${i}`, receivedAt: new Date(now).toISOString(), resolutionMinutes: 120 }),
    );
    const closed = routedEvent({ ticketId: 'closed-desk', tier: 'pro', receivedAt: new Date(now).toISOString(), resolutionMinutes: 120 });
    await bus.publish(Topics.ticketsRouted, [...unanswered, ...answered, closed]);
    // An agent answers each after two seconds and resolves it after three, well before 7.5 s.
    const reply = async (type: 'first_response' | 'resolved', afterMs: number) => {
      await sleep(now + afterMs - Date.now());
      await bus.publish(
        Topics.ticketsLifecycleApplied,
        answered.map((e) =>
          appliedEvent(
            e.key,
            type,
            new Date(now + afterMs).toISOString(),
            type === 'resolved' ? 'assigned' : 'open',
            type === 'resolved' ? 'resolved' : 'assigned',
          ),
        ),
      );
    };
    await reply('first_response', 2_000);
    await reply('resolved', 3_000);

    const sent = () => escalations(store);
    const count = async (deadline: string, reason: string) =>
      (await sent()).filter((e) => e.deadline === deadline && e.reason === reason).length;
    await waitFor(
      async () => (await count('first_response', 'sla_at_risk')) >= UNANSWERED / 2,
      60_000,
      () => 'first at-risk events',
    );
    expect(await count('first_response', 'sla_breached')).toBe(0);
    await running.get('a')!.kill();
    const atKill = await sent();
    await start('a');

    await waitFor(
      async () => (await count('resolution', 'sla_breached')) >= UNANSWERED,
      90_000,
      () => 'resolution breaches',
    );
    // Time for a duplicate to show up, were there one.
    await sleep(2_000);
    const all = await sent();
    console.error(`killed instance a with ${atKill.length} escalations sent; ${all.length} in the end`);
    // Killed while at-risk events were still going out, before any breach.
    expect(atKill.filter((e) => e.reason === 'sla_at_risk').length).toBeLessThan(UNANSWERED);
    expect(atKill.filter((e) => e.reason === 'sla_breached')).toEqual([]);
    expect(all).toHaveLength(UNANSWERED * 4);
    expect(new Set(all.map((e) => `${e.ticketId}:${e.deadline}:${e.reason}`)).size).toBe(UNANSWERED * 4);
    expect(new Set(all.map((e) => e.id)).size).toBe(UNANSWERED * 4);
    expect(all.every((e) => e.ticketId.startsWith('late-'))).toBe(true);
    // Each at-risk event came before its deadline's breach, and no later than two seconds after its moment.
    for (const e of all.filter((x) => x.reason === 'sla_at_risk')) {
      const i = Number(e.ticketId.slice('late-'.length));
      const windowMs = (e.deadline === 'first_response' ? 60 : 120) * 60_000 * SCALE;
      expect(Date.parse(e.occurredAt) - (now + i * 50 + 0.75 * windowMs)).toBeLessThan(2_000);
    }
    const [firstResponse] = await store.slaDeadlines.forTicket('acme', 'closed-desk');
    const openDay = new Date(Math.floor((now + 2 * DAY_MS) / DAY_MS) * DAY_MS);
    expect(firstResponse).toMatchObject({ stage: 'open', atRiskAt: new Date(openDay.getTime() + 0.75 * 10_000).toISOString() });
  }, 240_000);
});
