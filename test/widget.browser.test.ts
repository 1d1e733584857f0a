// The chat widget in a real browser against the embedded pipeline (`npm start`'s process).
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRouted, type EventOf, type Topics } from '@triage/contracts';
import { launchChromium, type Browser } from './harness/chromium.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { openStream, type EventStream } from './harness/sse.ts';
import { waitFor } from './harness/wait.ts';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
const API_KEY = 'widget-test-api-key';

let triage: ServiceProcess;
let browser: Browser;
let routed: EventStream<EventOf<typeof Topics.ticketsRouted>>;
let url = '';

beforeAll(async () => {
  triage = await startService('embedded', { PORT: '0', DATA_DIR: 'memory', DEMO_API_KEY: API_KEY, EMBEDDER: 'minilm' }, 120_000);
  url = String(triage.logs.find((l) => l.msg === 'started')!.url);
  routed = await openStream(`${url}/v1/stream/tickets.routed`, API_KEY);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  routed?.close();
  await browser?.close();
  expect(await triage.stop()).toBe(0);
});

describe('chat widget', () => {
  it('suggests three answers while the person types and, on "no", opens a ticket that reaches tickets.routed with what was tried', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${url}/demo`);
    const question = 'I forgot my password and the reset email never arrives';
    await page.locator('#triage-widget textarea.question').pressSequentially(question, { delay: 15 });
    const answers = page.locator('#triage-widget ol.answers li');
    await expect.poll(() => answers.count(), { timeout: 15_000 }).toBe(3);
    // A title is a link only when its article has an http(s) URL of its own; the seed articles have none.
    const titles = await answers.locator('a, strong').allTextContents();
    expect(titles.some((t) => /password/i.test(t))).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: new URL('widget-answers.png', ARTIFACTS).pathname });

    await page.locator('#triage-widget button.no').click();
    await page.locator('#triage-widget input.email').fill('kim@acme.test');
    await page.locator('#triage-widget button.submit').click();
    await expect.poll(() => page.locator('#triage-widget .done').textContent(), { timeout: 10_000 }).toMatch(/Ticket .+ opened/);
    const ticketId = await page.locator('#triage-widget').getAttribute('data-ticket-id');
    await page.screenshot({ path: new URL('widget-ticket.png', ARTIFACTS).pathname });

    await waitFor(
      () => routed.events.some((e) => e.key === ticketId),
      30_000,
      () => `${routed.events.length} routed so far`,
    );
    const { ticket, packet } = TicketRouted.parse(routed.events.find((e) => e.key === ticketId)!.payload);
    expect(ticket.deflection?.question).toBe(question);
    expect(ticket.deflection?.articlesShown.map((a) => a.title)).toEqual(titles);
    expect(ticket.customer.email).toBe('kim@acme.test');
    expect(packet.tried.join('\n')).toContain(titles[0]!);
  });
});
