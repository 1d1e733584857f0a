// The operations page in Chromium after a week of history: tickets stored as intake stores them,
// the escalator's decision recorded, and the helpdesk's reports sent over the API with the times
// they happened. Desktop and phone, with screenshots, drill-downs and axe-core.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInProcessBus } from '@triage/bus';
import type { Channel, Escalation, LifecycleReport, Ticket } from '@triage/contracts';
import { HashedNgramEmbeddings } from '@triage/embeddings';
import { composeInsights, InsightsConfig } from '@triage/insights';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { RetrievalConfig } from '@triage/knowledge';
import { composeProcess, createLogger, type Lifecycle } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { expectNoSeriousViolations } from './harness/axe.ts';
import { type Browser, launchChromium } from './harness/chromium.ts';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
const API_KEY = 'ops-page-test-key';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MIN = 60_000;
const CHANNELS: Channel[] = ['email', 'chat', 'web', 'phone', 'api'];
const QUEUES = ['tier1-general', 'tier2-billing', 'tier2-network'];

interface Seeded {
  id: string;
  day: string;
  channel: Channel;
  /** Resolved (and closed) on the day it came, at its routed tier. */
  resolved: boolean;
  reopened: boolean;
  major: boolean;
}

let lifecycle: Lifecycle;
let api: string;
let signInPath: string;
const seeded: Seeded[] = [];

const escalation = (receivedAt: number, tier: number, queue: string, major: boolean): Escalation => ({
  priority: major ? 'P1' : tier === 2 ? 'P2' : 'P3',
  impact: 'medium',
  urgency: 'medium',
  tier,
  queue,
  majorIncident: major,
  sentiment: { score: 0, frustrated: false, source: 'lexicon' },
  complexity: 0.4,
  sla: {
    firstResponseDueAt: new Date(receivedAt + 4 * HOUR).toISOString(),
    resolutionDueAt: new Date(receivedAt + 24 * HOUR).toISOString(),
  },
  reasons: [{ code: 'seeded' }],
});

const report = async (ticketId: string, reports: LifecycleReport[]) => {
  const res = await fetch(`${api}/v1/tickets/${ticketId}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(reports),
  });
  expect(res.status, await res.clone().text()).toBe(200);
};

/** Seven days of tickets, 4 to 6 a day: the past days' answered and mostly resolved, today's still open. */
const seedWeek = async (store: Store, now: number) => {
  const today = Math.floor(now / DAY) * DAY;
  for (let ago = 6; ago >= 0; ago--) {
    const count = 4 + (ago % 3);
    // Today's come 20 minutes apart, closer just after midnight, so that all of them fall today.
    const todayStep = Math.min(20 * MIN, (now - today) / (count + 1));
    for (let j = 0; j < count; j++) {
      const receivedAt = ago === 0 ? now - (j + 1) * todayStep : today - ago * DAY + 8 * HOUR + j * 45 * MIN;
      const tier = j % 3 === 2 ? 2 : 1;
      const queue = QUEUES[j % 3]!;
      const major = ago === 0 && j === 0;
      const id = crypto.randomUUID();
      const channel = CHANNELS[(j + ago) % CHANNELS.length]!;
      const ticket: Ticket = {
        id,
        tenantId: 'acme',
        receivedAt: new Date(receivedAt).toISOString(),
        subject: major ? 'Checkout is down for everyone' : `Seeded request ${ago}-${j}`,
        body: 'A ticket of the seeded week.',
        channel,
        customer: { id: `cust-${j}`, tier: 'pro', vip: false },
        attachments: [],
      };
      await store.tickets.create(ticket, []);
      await store.tickets.recordStages('acme', 'assess', [
        { ticketId: id, output: escalation(receivedAt, tier, queue, major), source: 'seed' },
      ]);
      const at = (offset: number) => new Date(receivedAt + offset).toISOString();
      const resolved = ago > 0 && j !== 3;
      const reopened = resolved && j === 1 && ago >= 2;
      if (ago > 0) {
        await report(id, [
          { type: 'assigned', id: `${id}-a`, occurredAt: at(5 * MIN), queue, tier },
          { type: 'first_response', id: `${id}-f`, occurredAt: at((j + 1) * 15 * MIN) },
          ...(resolved
            ? ([
                { type: 'resolved', id: `${id}-r`, occurredAt: at(3 * HOUR), notes: 'Fixed.', resolvingTier: tier },
                ...(reopened
                  ? [
                      { type: 'reopened', id: `${id}-o`, occurredAt: at(5 * HOUR) },
                      { type: 'resolved', id: `${id}-r2`, occurredAt: at(7 * HOUR), notes: 'Fixed again.', resolvingTier: tier },
                    ]
                  : []),
                { type: 'closed', id: `${id}-c`, occurredAt: at(8 * HOUR), csat: 3 + (j % 3) },
              ] as LifecycleReport[])
            : []),
        ]);
      }
      seeded.push({ id, day: new Date(receivedAt).toISOString().slice(0, 10), channel, resolved, reopened, major });
    }
  }
};

beforeAll(async () => {
  const embeddings = new HashedNgramEmbeddings();
  const store = await createPgliteStore({ embeddingDim: embeddings.dimension });
  await store.tenants.ensure('acme');
  await store.tenants.createApiKey('acme', API_KEY);
  const logger = createLogger({ service: 'ops-page-test', level: 'error' });
  const deps = { store, bus: createInProcessBus({ logger }), logger, registry: new Registry(), instanceId: 'test' };
  const intake = await composeIntake({ ...deps, embeddings, retrieval: RetrievalConfig.parse({}), config: IntakeConfig.parse({}) });
  const insights = await composeInsights({ ...deps, config: { ...InsightsConfig.parse({}), OPERATOR_TOKEN: undefined } });
  const process = composeProcess({ ...deps, name: 'triage', services: [intake, insights], httpPort: 0, healthPort: 0 });
  lifecycle = process.lifecycle;
  await lifecycle.start();
  api = `http://127.0.0.1:${process.httpPort()}`;
  signInPath = insights.opsSignInPath('acme');
  await seedWeek(store, Date.now());
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(() => lifecycle?.stop());

describe('/ops after a seeded week', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const open = async (viewport: { width: number; height: number }, path = '/ops?range=7d') => {
    const page = await browser!.context.newPage();
    await page.setViewportSize(viewport);
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${api}${signInPath}`);
    await page.goto(`${api}${path}`);
    return { page, problems };
  };
  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.replace(/\s+/g, ' ').trim();

  it('shows the week per day, the measured figures, the channel mix, the backlog and the open major incident (desktop)', async () => {
    const { page, problems } = await open({ width: 1280, height: 800 });
    const resolved = seeded.filter((s) => s.resolved);
    expect(await text(page, '[data-kpi=received] .value')).toBe(String(seeded.length));
    expect(await text(page, '.ranges [aria-current]')).toBe('7 days');
    // Every resolution came from the routed tier with no escalation, but a reopen within 7 days takes it back.
    const fcr = resolved.filter((s) => !s.reopened).length;
    expect(await text(page, '[data-kpi=fcr] .detail')).toBe(`${fcr} of ${resolved.length} resolved`);
    expect(await text(page, '[data-kpi=fcr] .value')).toBe(`${((fcr / resolved.length) * 100).toFixed(1)}%`);
    expect(await text(page, '[data-kpi=reopened] .value')).toBe(String(seeded.filter((s) => s.reopened).length));
    expect(await text(page, '[data-kpi=ttr] .value')).toBe('3.0 h');
    expect(await text(page, '[data-kpi=ttr] .detail')).toBe('median, measured');
    expect(await text(page, '[data-kpi=open] .value')).toBe(String(seeded.filter((s) => !s.resolved).length));
    expect(await page.locator('table.days tbody tr').count()).toBe(7);
    for (const name of ['received', 'answered', 'resolved']) {
      expect((await page.locator(`[data-panel=trends] polyline[data-series=${name}]`).getAttribute('points'))!.split(' ')).toHaveLength(7);
    }
    const email = seeded.filter((s) => s.channel === 'email').length;
    expect(await page.locator('[data-panel=channels] [data-bar=email] title').textContent()).toMatch(new RegExp(`^email: ${email} · `));
    expect(await text(page, '[data-panel=incidents] td a')).toBe('Checkout is down for everyone');
    await page.screenshot({ path: new URL('ops-week-desktop.png', ARTIFACTS).pathname, fullPage: true });
    await expectNoSeriousViolations(page, '/ops, 7 days, desktop');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('drills down from a day to the tickets behind it, and from a ticket to its timeline', async () => {
    const { page } = await open({ width: 1280, height: 800 });
    const day = seeded.find((s) => s.reopened)!.day;
    await page.locator(`tr[data-day="${day}"] td:nth-child(2) a`).click();
    const expected = seeded.filter((s) => s.day === day).map((s) => s.id);
    await expect.poll(() => page.locator('tr[data-ticket]').count()).toBe(expected.length);
    expect((await page.locator('tr[data-ticket]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ticket')))).sort()).toEqual(
      expected.sort(),
    );
    expect(await text(page, 'h1')).toMatch(new RegExp(`^Received on ${day}`));
    await expectNoSeriousViolations(page, 'the tickets of a day');
    await page.locator('tr[data-ticket] td a').first().click();
    await page.locator('[data-panel=timeline] table').waitFor();
    expect(await page.locator('[data-panel=timeline] tbody tr').count()).toBeGreaterThanOrEqual(2);
    await expectNoSeriousViolations(page, 'a ticket');

    // The backlog's queue bars and the reopen figure list their tickets too.
    await page.goto(`${api}/ops?range=30d`);
    await page.locator('[data-kpi=reopened]').click();
    await expect.poll(() => page.locator('tr[data-ticket]').count()).toBe(seeded.filter((s) => s.reopened).length);
    await page.close();
  });

  it('refuses a drill-down it cannot read with a reason', async () => {
    const { page } = await open({ width: 1280, height: 800 });
    const res = await page.request.get(`${api}/ops/tickets?measure=everything`);
    expect(res.status()).toBe(400);
    expect(((await res.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['measure']);
    await page.close();
  });

  it('fits a phone: no figure spills out of its card, nothing scrolls sideways', async () => {
    const { page, problems } = await open({ width: 390, height: 844 });
    const spilled = await page
      .locator('.kpi .value, .kpi .detail, .kpi h2')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(spilled).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: new URL('ops-week-phone.png', ARTIFACTS).pathname, fullPage: true });
    await expectNoSeriousViolations(page, '/ops, 7 days, phone');
    await page.goto(`${api}/ops?range=today`);
    expect(await text(page, '[data-kpi=received] .value')).toBe(String(seeded.filter((s) => s.day === seeded.at(-1)!.day).length));
    await expectNoSeriousViolations(page, '/ops, today, phone');
    expect(problems).toEqual([]);
    await page.close();
  });
});
