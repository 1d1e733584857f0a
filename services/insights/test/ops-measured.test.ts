import type { Page } from 'playwright-core';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LifecycleReport, Topics } from '@triage/contracts';
import { createSupportMetrics } from '@triage/metrics';
import { lifecycleEvent, routedEvent } from '@triage/metrics/testing';
import { launchChromium, type Browser } from '../../../test/harness/chromium.ts';
import { opsRoutes } from '../src/ops/routes.ts';
import { opsSessions } from '../src/ops/session.ts';

const NOW = Date.parse('2025-03-03T12:00:00.000Z');
const RECEIVED = NOW - 2 * 3_600_000;
const MIN = 60_000;
const PHONE = { width: 390, height: 844 };

describe('/ops with the lifecycle reporting, on a phone', () => {
  const metrics = createSupportMetrics({ registry: new Registry(), now: () => NOW });
  const routes = opsRoutes({
    summary: (t) => metrics.summary(t),
    tenants: () => metrics.tenants(),
    defaultTenant: 'acme',
    viewerOf: async () => ({ role: 'operator' }),
    sessions: opsSessions({ secret: undefined, ttlMs: 60_000 }),
  });
  let browser: Browser | undefined;
  let page: Page;
  const open = async (tenant: string) =>
    page.setContent(await (await routes.request(`/ops?tenant=${tenant}`, { headers: { authorization: 'Bearer x' } })).text());
  const text = async (selector: string) => (await page.locator(selector).first().textContent())?.replace(/\s+/g, ' ').trim();

  beforeAll(async () => {
    // acme: two tickets answered at 10 and 30 min, one resolved at its routed tier and closed with a 4; globex: routing only.
    const report = (ticketId: string, { minute, ...r }: { type: string; minute: number } & Record<string, unknown>) =>
      lifecycleEvent(ticketId, {
        ...r,
        id: `${ticketId}-${r.type}`,
        occurredAt: new Date(RECEIVED + minute * MIN).toISOString(),
      } as LifecycleReport);
    for (const ticketId of ['a', 'b']) metrics.observe(Topics.ticketsRouted, routedEvent({ ticketId, receivedAt: RECEIVED }));
    metrics.observe(Topics.ticketsRouted, routedEvent({ ticketId: 'g', tenantId: 'globex', receivedAt: RECEIVED }));
    for (const e of [
      report('a', { type: 'first_response', minute: 10 }),
      report('a', { type: 'resolved', minute: 40, notes: 'done', resolvingTier: 1 }),
      report('a', { type: 'closed', minute: 41, csat: 4 }),
      report('b', { type: 'first_response', minute: 30 }),
    ])
      metrics.observe(Topics.ticketsLifecycleApplied, e);
    browser = await launchChromium(PHONE);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the measured figures, since the first report, and no longer calls the SLA figures predicted', async () => {
    await open('acme');
    expect(await text('[data-panel=outcomes] h2 small')).toBe('measured since 2025-03-03 10:10 UTC · 2 tickets reported on');
    expect(await text('[data-measure=fcr] td:nth-child(2)')).toBe('100.0%');
    expect(await text('[data-measure=sla-first-response] td:nth-child(3)')).toBe('2 of 2');
    expect(await text('[data-measure=ttfr] td:nth-child(2)')).toBe('10.0 min / 30.0 min');
    expect(await text('[data-panel=csat] h2 small')).toMatch(/^average 4\.00 of 5/);
    expect(await text('[data-panel=backlog] h2 small')).toMatch(/^1 open/);
    expect(await text('[data-kpi=sla-breached] .detail')).toMatch(/^measured:/);
    expect(await page.locator('h2:has-text("predicted")').count()).toBe(0);
  });

  it('labels the predictions as such for a tenant whose helpdesk has not reported', async () => {
    await open('globex');
    expect(await text('[data-kpi=sla-breached] .detail')).toMatch(/^predicted:/);
    expect(await text('section.panel:has(h2:has-text("Escalation by tier")) h2 small')).toBe('predicted');
    expect(await text('[data-panel=measured] p')).toMatch(/^First-contact resolution/);
  });

  it('fits a phone screen: nothing wider than the viewport', async () => {
    await open('acme');
    // The page's own width as the browser laid it out: the body's box, wider than the screen if anything overflows.
    const { width } = (await page.locator('body').boundingBox())!;
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('html').evaluate((root) => root.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});
