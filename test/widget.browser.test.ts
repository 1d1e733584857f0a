// The chat widget in a real browser against the embedded pipeline (`npm start`'s process), as a
// customer meets it on the demo page: at a desktop's size and a phone's, in English and Spanish.
// Screenshots of every state go to test-artifacts/; axe-core checks each state.
import { mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketRouted, type EventOf, type Topics } from '@triage/contracts';
import { expectNoSeriousViolations } from './harness/axe.ts';
import { launchChromium, type Browser } from './harness/chromium.ts';
import { startService, type ServiceProcess } from './harness/service-process.ts';
import { openStream, type EventStream } from './harness/sse.ts';
import { waitFor } from './harness/wait.ts';

const ARTIFACTS = new URL('../test-artifacts/', import.meta.url);
const API_KEY = 'widget-test-api-key';
const WIDGET_SOURCE = new URL('../services/intake/src/widget/widget.js', import.meta.url);

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** What the customer types and reads, per language; the demo knowledge base is English, so the Spanish question borrows its terms. */
const FLOWS = {
  en: {
    question: 'I forgot my password and the reset email never arrives',
    open: 'Help',
    found: 'These articles may help.',
    badEmail: 'Enter an email address like name@example.com.',
    opened: /^Ticket #[0-9A-F]{8} opened\. We will reply to kim@acme\.test\.$/,
  },
  es: {
    question: 'Olvidé mi password y el reset password email nunca llega',
    open: 'Ayuda',
    found: 'Estos artículos pueden ayudarte.',
    badEmail: 'Escribe una dirección de correo como nombre@ejemplo.com.',
    opened: /^Ticket #[0-9A-F]{8} abierto\. Te responderemos a kim@acme\.test\.$/,
  },
};

let triage: ServiceProcess;
let browser: Browser;
let routed: EventStream<EventOf<typeof Topics.ticketsRouted>>;
let url = '';

beforeAll(async () => {
  triage = await startService('embedded', { PORT: '0', DATA_DIR: 'memory', DEMO_API_KEY: API_KEY, EMBEDDER: 'minilm' }, 120_000);
  url = String(triage.logs.find((l) => l.msg === 'started')!.url);
  routed = await openStream(`${url}/v1/stream/tickets.routed`, API_KEY);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  routed?.close();
  await browser?.close();
  expect(await triage.stop()).toBe(0);
});

const openDemo = async (viewport: keyof typeof VIEWPORTS, lang: string): Promise<Page> => {
  const page = await browser.context.newPage();
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.goto(`${url}/demo?lang=${lang}`);
  return page;
};

const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`widget-${name}.png`, ARTIFACTS).pathname });

/** The element focused inside the widget's shadow root, by class. */
const focusedInWidget = (page: Page) =>
  page.evaluate("document.querySelector('#triage-widget').shadowRoot.activeElement?.className ?? null") as Promise<string | null>;

const routedTicket = async (ticketId: string) => {
  await waitFor(
    () => routed.events.some((e) => e.key === ticketId),
    30_000,
    () => `${routed.events.length} routed so far`,
  );
  return TicketRouted.parse(routed.events.find((e) => e.key === ticketId)!.payload);
};

const w = (page: Page, selector: string) => page.locator(`#triage-widget ${selector}`);

describe.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])('the chat widget on a %s', (viewport) => {
  it.each(Object.keys(FLOWS) as (keyof typeof FLOWS)[])(
    'in %s: answers, an article read inside the widget, "No", a ticket with a short reference, and a clean restart',
    async (lang) => {
      const flow = FLOWS[lang];
      const name = (state: string) => `${viewport}-${lang}-${state}`;
      const page = await openDemo(viewport, lang);

      expect(await page.locator('meta[name=viewport]').getAttribute('content')).toBe('width=device-width, initial-scale=1');
      // Closed, it is a launcher in the corner: the page stays readable, even on a phone.
      const launcher = w(page, 'button.launcher');
      expect(await launcher.textContent()).toBe(flow.open);
      expect(await w(page, '.box').isHidden()).toBe(true);
      const button = (await launcher.boundingBox())!;
      expect(button.width * button.height).toBeLessThan(0.05 * VIEWPORTS[viewport].width * VIEWPORTS[viewport].height);
      await shot(page, name('1-closed'));
      await expectNoSeriousViolations(page, `demo page, widget closed (${viewport}, ${lang})`);

      await launcher.click();
      expect(await launcher.getAttribute('aria-expanded')).toBe('true');
      expect(await focusedInWidget(page)).toBe('question');
      const panel = (await w(page, '.box').boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
      if (viewport === 'phone') expect(panel.width).toBeGreaterThan(VIEWPORTS.phone.width - 20);
      await expectNoSeriousViolations(page, `widget open (${viewport}, ${lang})`);

      await w(page, 'textarea.question').pressSequentially(flow.question, { delay: 10 });
      const answers = w(page, 'ol.answers li');
      await expect.poll(() => answers.count(), { timeout: 15_000 }).toBe(3);
      // The live region keeps its announcement when the answers arrive.
      expect(await w(page, '.status[role=status]').textContent()).toBe(flow.found);
      const snippets = await w(page, '.snippet').allTextContents();
      for (const snippet of snippets) {
        expect(snippet).not.toMatch(/[#*`]|\]\(/);
        expect(snippet).toMatch(/^["“]?[A-Z].*[.!?:]["”]?$/);
      }
      const titles = await w(page, 'ol.answers li .link').allTextContents();
      expect(titles[0]).toMatch(/password/i);
      await shot(page, name('2-answers'));
      await expectNoSeriousViolations(page, `answers (${viewport}, ${lang})`);

      // The seed articles have no page of their own: the first one opens inside the widget, rendered.
      await w(page, 'ol.answers li .link').first().click();
      await expect.poll(() => w(page, '.reader li').count(), { timeout: 10_000 }).toBeGreaterThan(2);
      expect(await w(page, '.reader h3').textContent()).toBe(titles[0]);
      expect(await w(page, '.reader h4').first().textContent()).toBe('Request a reset link');
      expect(await w(page, '.reader strong').first().textContent()).toBe('Forgot password?');
      expect(await w(page, '.reader').textContent()).not.toMatch(/\*\*|##/);
      expect(await page.evaluate('location.pathname')).toBe('/demo');
      await shot(page, name('3-article'));
      await expectNoSeriousViolations(page, `article read in the widget (${viewport}, ${lang})`);

      await w(page, 'button.no').click();
      expect(await focusedInWidget(page)).toBe('email');
      expect(await w(page, 'label[for=triage-email]').textContent()).toBeTruthy();
      await w(page, 'input.email').fill('kim@');
      await w(page, 'button.submit').click();
      expect(await w(page, '#triage-email-error').textContent()).toBe(flow.badEmail);
      expect(await w(page, 'input.email').getAttribute('aria-invalid')).toBe('true');
      await shot(page, name('4-bad-email'));
      await expectNoSeriousViolations(page, `ticket form with a bad email (${viewport}, ${lang})`);

      await w(page, 'input.email').fill('kim@acme.test');
      await w(page, 'textarea.comment').fill('I tried twice from the sign-in page.');
      const sent = page.waitForRequest((r) => r.url().endsWith('/feedback'));
      await w(page, 'button.submit').click();
      // The article the customer read is the one the verdict counts for.
      expect((await sent).postDataJSON()).toMatchObject({ resolved: false, articleId: 'reset-password' });
      await expect.poll(() => w(page, '.done p').textContent(), { timeout: 10_000 }).toMatch(flow.opened);
      const ticketId = (await w(page, '').getAttribute('data-ticket-id'))!;
      expect(await w(page, '.done p').textContent()).toContain(`#${ticketId.slice(0, 8).toUpperCase()}`);
      await shot(page, name('5-ticket'));
      await expectNoSeriousViolations(page, `ticket opened (${viewport}, ${lang})`);

      const { ticket, escalation } = await routedTicket(ticketId);
      // Self-service already failed this customer: a person answers, not the self-service queue.
      expect(escalation.tier).toBeGreaterThan(0);
      expect(ticket.deflection?.question).toBe(flow.question);
      expect(ticket.deflection?.articlesShown.map((a) => a.title)).toEqual(titles);
      expect(ticket.deflection?.comment).toBe('I tried twice from the sign-in page.');
      expect(ticket.customer.email).toBe('kim@acme.test');

      await w(page, 'button.again').click();
      expect(await w(page, 'textarea.question').inputValue()).toBe('');
      expect(await focusedInWidget(page)).toBe('question');
      expect(await w(page, 'ol.answers').isHidden()).toBe(true);
      expect(await w(page, '.done').isHidden()).toBe(true);
      await page.close();
    },
  );

  it('offers a ticket at once, without articles, when nothing answers the question; no reply is promised without an email', async () => {
    const page = await openDemo(viewport, 'en');
    await w(page, 'button.launcher').click();
    await w(page, 'textarea.question').pressSequentially('What is the capital of Mongolia?', { delay: 10 });
    await expect.poll(() => w(page, '.none').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await w(page, '.status').textContent()).toBe("We couldn't find an article that answers this. Our team can help you directly.");
    expect(await w(page, 'ol.answers').isHidden()).toBe(true);
    expect(await w(page, '.ask').isHidden()).toBe(true);
    await shot(page, `${viewport}-en-not-deflectable`);
    await expectNoSeriousViolations(page, `nothing deflectable (${viewport})`);

    await w(page, 'button.ticket').click();
    await w(page, 'button.submit').click();
    await expect
      .poll(() => w(page, '.done p').textContent(), { timeout: 10_000 })
      .toMatch(/^Ticket #[0-9A-F]{8} opened\. Quote this reference/);
    expect(await w(page, '.done p').textContent()).not.toMatch(/reply|email/i);
    await shot(page, `${viewport}-en-not-deflectable-ticket`);
    await expectNoSeriousViolations(page, `ticket opened without an email (${viewport})`);
    await page.close();
  });

  it('thanks the customer who says an article they read solved it, and starts afresh', async () => {
    const page = await openDemo(viewport, 'en');
    await w(page, 'button.launcher').click();
    await w(page, 'textarea.question').pressSequentially('My printer shows as offline', { delay: 10 });
    await expect.poll(() => w(page, 'ol.answers li').count(), { timeout: 15_000 }).toBe(3);
    await w(page, 'ol.answers li .link').first().click();
    await expect.poll(() => w(page, '.reader p').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const sent = page.waitForRequest((r) => r.url().endsWith('/feedback'));
    await w(page, 'button.yes').click();
    expect((await sent).postDataJSON()).toEqual({ resolved: true, articleId: 'printer-offline' });
    await expect.poll(() => w(page, '.done p').textContent()).toBe('Glad that helped!');
    expect(await focusedInWidget(page)).toBe('again secondary');
    await expectNoSeriousViolations(page, `resolved (${viewport})`);
    await page.close();
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const page = await openDemo(viewport, 'de');
    const launcher = w(page, 'button.launcher');
    expect(await launcher.textContent()).toBe('Hilfe');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await w(page, '.box').isVisible()).toBe(true);
    expect(await w(page, '#triage-title').textContent()).toBe('Wie können wir helfen?');
    await page.keyboard.type('Drucker');
    await page.keyboard.press('Escape');
    expect(await w(page, '.box').isHidden()).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedInWidget(page)).toBe('launcher');
    await shot(page, `${viewport}-de-closed-by-escape`);
    await expectNoSeriousViolations(page, `closed by Escape (${viewport})`);
    if (viewport === 'desktop') {
      // The launcher stays in view beside the open panel: Escape closes it from there too.
      await launcher.click();
      await launcher.focus();
      await page.keyboard.press('Escape');
      expect(await w(page, '.box').isHidden()).toBe(true);
    }
    await page.close();
  });
});

describe('an article read inside the widget', () => {
  it('is built from its Markdown as elements: its markup stays text, and only http(s) links are followed, in a new tab', async () => {
    const page = await openDemo('desktop', 'en');
    // The tenant's own article text, as a compromised knowledge-base import could write it.
    await page.route(/\/v1\/deflect\/articles\//, (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          articleId: 'printer-offline',
          title: 'Printer offline',
          body: '<img src=x onerror="window.pwned=1">\n\n1. Open [the guide](https://help.acme.test/printers) or [this](javascript:window.pwned=1)\n2. Run `lpstat -p`',
        }),
      }),
    );
    await w(page, 'button.launcher').click();
    await w(page, 'textarea.question').pressSequentially('My printer shows as offline', { delay: 10 });
    await expect.poll(() => w(page, 'ol.answers li').count(), { timeout: 15_000 }).toBe(3);
    await w(page, 'ol.answers li .link').first().click();
    await expect.poll(() => w(page, '.reader li').count(), { timeout: 10_000 }).toBe(2);
    expect(await w(page, '.reader img').count()).toBe(0);
    expect(await w(page, '.reader p').first().textContent()).toBe('<img src=x onerror="window.pwned=1">');
    const links = w(page, '.reader a');
    expect(await links.count()).toBe(1);
    expect(await links.getAttribute('href')).toBe('https://help.acme.test/printers');
    expect(await links.getAttribute('target')).toBe('_blank');
    expect(await links.getAttribute('rel')).toBe('noopener');
    expect(await w(page, '.reader li').first().textContent()).toContain('or this');
    expect(await w(page, '.reader code').textContent()).toBe('lpstat -p');
    expect(await page.evaluate("'pwned' in window")).toBe(false);
    await page.close();
  });
});

describe('an article with a page of its own', () => {
  it('opens that page in a new tab, and the verdict counts for it rather than the top answer', async () => {
    const page = await openDemo('desktop', 'en');
    // The seed articles have no URL: the second answer is given one, as an imported knowledge base would have.
    let linked = '';
    await page.route(/\/v1\/deflect$/, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { solutions: { articleId: string; url?: string }[] };
      body.solutions[1]!.url = 'https://help.acme.test/article';
      linked = body.solutions[1]!.articleId;
      await route.fulfill({ response, json: body });
    });
    await page
      .context()
      .route('https://help.acme.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Article</title>' }));
    await w(page, 'button.launcher').click();
    await w(page, 'textarea.question').pressSequentially('My printer shows as offline', { delay: 10 });
    await expect.poll(() => w(page, 'ol.answers li').count(), { timeout: 15_000 }).toBe(3);
    const link = w(page, 'ol.answers li a');
    expect(await link.getAttribute('href')).toBe('https://help.acme.test/article');
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.close();
    const sent = page.waitForRequest((r) => r.url().endsWith('/feedback'));
    await w(page, 'button.yes').click();
    expect((await sent).postDataJSON()).toEqual({ resolved: true, articleId: linked });
    await page.context().unroute('https://help.acme.test/**');
    await page.close();
  });
});

describe("a site owner's settings", () => {
  it("takes the page's language, and the title, corner and accent colour from data-* attributes, keeping text readable on a light accent", async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORTS.desktop);
    // A page of the site owner's own, on the API's origin so the demo key's any-site rule is not what is tested.
    await page.route(`${url}/owner-page`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="fr-CA"><head><title>Boutique</title></head><body><main><h1>Boutique</h1></main>
          <script src="/widget.js" data-widget-key="demo-widget-key" data-title="Support Acme" data-position="left" data-accent="#ffcc00"></script></body></html>`,
      }),
    );
    await page.goto(`${url}/owner-page`);
    const launcher = w(page, 'button.launcher');
    expect(await launcher.textContent()).toBe('Aide');
    expect((await launcher.boundingBox())!.x).toBeLessThan(40);
    const colours = await page.evaluate(
      "(() => { const s = getComputedStyle(document.querySelector('#triage-widget').shadowRoot.querySelector('.launcher')); return [s.backgroundColor, s.color]; })()",
    );
    expect(colours).toEqual(['rgb(255, 204, 0)', 'rgb(17, 24, 39)']);
    await launcher.click();
    expect(await w(page, '#triage-title').textContent()).toBe('Support Acme');
    expect(await w(page, 'label[for=triage-question]').textContent()).toBe('Votre question');
    await shot(page, 'desktop-fr-themed');
    await expectNoSeriousViolations(page, 'themed widget, light accent');
    await page.close();
  });
});

describe('widget.js', () => {
  it('stays under 15 KB gzipped', () => {
    const source = readFileSync(WIDGET_SOURCE);
    const gzipped = gzipSync(source, { level: 9 }).length;
    console.log(`widget.js: ${source.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThan(15 * 1024);
  });
});
