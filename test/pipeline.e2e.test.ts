// The whole pipeline as five processes on the real Kafka broker and PostgreSQL + pgvector.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Delivery } from '@triage/bus';
import { Topics } from '@triage/contracts';
import { importSeedArticles, runDuringFile, startSystem, type System } from './harness/system.ts';
import { variedTickets, vipOutage } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const API_KEY = 'e2e-acme-key-0123456789';
/** A second tenant holding the same article text under its own ids: nothing may cross over. */
const OTHER = 'globex';
const OTHER_KEY = 'e2e-globex-key-0123456789';
const OTHER_WIDGET = 'e2e-globex-widget-key';

const routed: Delivery<typeof Topics.ticketsRouted>[] = [];
const major: Delivery<typeof Topics.incidentsMajor>[] = [];
let system: System;
let intakeUrl = '';

runDuringFile(async () => {
  system = await startSystem({
    name: 'e2e',
    embedder: 'minilm',
    tenants: [
      { id: TENANT, apiKey: API_KEY },
      { id: OTHER, apiKey: OTHER_KEY, widgetKey: OTHER_WIDGET },
    ],
    seed: (store) => importSeedArticles(store, 'minilm', [{ tenantId: TENANT }, { tenantId: OTHER, idPrefix: 'globex-' }]),
    observe: {
      [Topics.ticketsRouted]: (batch) => routed.push(...batch),
      [Topics.incidentsMajor]: (batch) => major.push(...batch),
    },
    workers: ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'],
    apis: ['intake'],
  });
  intakeUrl = system.urlOf('intake');
  return system;
});

const post = (body: unknown, headers: Record<string, string> = {}, apiKey = API_KEY) => system.submit(body, apiKey, headers);

describe('pipeline through Kafka and PostgreSQL', () => {
  it('routes 200 varied tickets exactly once each, fully enriched; a VIP outage becomes a P1 major incident', async () => {
    const tickets = await variedTickets(200);
    const ids: string[] = [];
    for (let i = 0; i < tickets.length; i += 20) ids.push(...(await Promise.all(tickets.slice(i, i + 20).map((t) => post(t)))));
    const otherIds = await Promise.all(tickets.slice(0, 20).map((t) => post(t, {}, OTHER_KEY)));
    ids.push(...otherIds);
    const traceId = randomBytes(16).toString('hex');
    const outageId = await post(vipOutage, { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    ids.push(outageId);

    await waitFor(
      () => new Set(routed.map((d) => d.event.key)).size >= ids.length,
      120_000,
      () => `${routed.length}/${ids.length} routed`,
    );
    await new Promise((r) => setTimeout(r, 2_000)); // a duplicate would arrive now

    const byTicket = new Map<string, number>();
    for (const d of routed) byTicket.set(d.event.key, (byTicket.get(d.event.key) ?? 0) + 1);
    expect([...byTicket.keys()].sort()).toEqual([...ids].sort());
    expect([...byTicket.values()].every((n) => n === 1)).toBe(true);

    for (const { event, headers } of routed) {
      const { categorization, retrieval, escalation, packet, queue } = event.payload;
      expect(categorization.category).toMatch(/\S/);
      expect(retrieval.solutions).toHaveLength(3);
      expect(['P1', 'P2', 'P3', 'P4']).toContain(escalation.priority);
      expect(Date.parse(escalation.sla.firstResponseDueAt)).toBeLessThanOrEqual(Date.parse(escalation.sla.resolutionDueAt));
      expect(packet.summary.length).toBeGreaterThan(20);
      expect(headers.queue).toBe(queue);
    }

    // Two tenants with the same article text: each ticket is answered from its own tenant's articles.
    for (const { event } of routed) {
      const fromOther = event.payload.retrieval.solutions.every((s) => s.articleId.startsWith('globex-'));
      const fromOwn = event.payload.retrieval.solutions.every((s) => !s.articleId.startsWith('globex-'));
      expect(event.tenantId === OTHER ? fromOther : fromOwn).toBe(true);
      expect(event.payload.ticket.tenantId).toBe(event.tenantId);
    }
    expect(
      routed
        .filter((d) => d.event.tenantId === OTHER)
        .map((d) => d.event.key)
        .sort(),
    ).toEqual([...otherIds].sort());

    const outage = routed.find((d) => d.event.key === outageId)!.event.payload.escalation;
    expect(outage).toMatchObject({ priority: 'P1', tier: 3, majorIncident: true });
    expect(major.map((d) => d.event.key)).toContain(outageId);
    // The caller's trace id follows the ticket through all five services.
    expect(routed.find((d) => d.event.key === outageId)!.event.traceparent).toContain(traceId);
    const state = (await (
      await fetch(`${intakeUrl}/v1/tickets/${outageId}`, { headers: { authorization: `Bearer ${API_KEY}` } })
    ).json()) as { status: string };
    expect(state.status).toBe('routed');
  }, 240_000);

  it("never shows one tenant's articles or tickets to another", async () => {
    const deflect = await fetch(`${intakeUrl}/v1/deflect`, {
      method: 'POST',
      headers: { 'x-widget-key': OTHER_WIDGET, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'How do I reset my password?' }),
    });
    const { solutions } = (await deflect.json()) as { solutions: { articleId: string }[] };
    expect(solutions.length).toBeGreaterThan(0);
    expect(solutions.every((s) => s.articleId.startsWith('globex-'))).toBe(true);
    const acmeTicket = routed.find((d) => d.event.tenantId === TENANT)!.event.key;
    const peek = await fetch(`${intakeUrl}/v1/tickets/${acmeTicket}`, { headers: { authorization: `Bearer ${OTHER_KEY}` } });
    expect(peek.status).toBe(404);
  });
});
