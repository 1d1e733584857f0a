import { Hono } from 'hono';
import { html } from 'hono/html';
import { pageSecurityHeaders } from '@triage/http';

/** The page's words in each language the widget speaks: `/demo?lang=es` shows both in Spanish. */
const COPY = {
  en: {
    title: 'Acme Cloud — Help',
    heading: 'Acme Cloud help center',
    text: 'Open the help button and type your question: answers appear while you type. If none helps, open a ticket from there and our team gets everything you already tried.',
  },
  es: {
    title: 'Acme Cloud — Ayuda',
    heading: 'Centro de ayuda de Acme Cloud',
    text: 'Abre el botón de ayuda y escribe tu pregunta: las respuestas aparecen mientras escribes. Si ninguna te sirve, abre un ticket desde ahí y nuestro equipo recibe todo lo que ya probaste.',
  },
  de: {
    title: 'Acme Cloud — Hilfe',
    heading: 'Acme Cloud Hilfe-Center',
    text: 'Öffnen Sie die Hilfe und tippen Sie Ihre Frage: Antworten erscheinen schon beim Tippen. Hilft keine, eröffnen Sie dort ein Ticket, und unser Team sieht, was Sie bereits versucht haben.',
  },
  fr: {
    title: 'Acme Cloud — Aide',
    heading: "Centre d'aide Acme Cloud",
    text: "Ouvrez l'aide et tapez votre question\u00a0: les réponses s'affichent pendant la saisie. Si aucune ne convient, ouvrez un ticket depuis l'aide et notre équipe reçoit tout ce que vous avez déjà essayé.",
  },
};

const languageOf = (requested: string | undefined): keyof typeof COPY =>
  requested !== undefined && Object.hasOwn(COPY, requested) ? (requested as keyof typeof COPY) : 'en';

/** A stand-in customer page embedding the widget, so the deflection flow can be tried in a browser. */
export const demoRoutes = (widgetKey: string) =>
  new Hono().get('/demo', pageSecurityHeaders, (c) => {
    // The widget styles its shadow root with this nonce too: it reads it from its own <script> tag.
    const nonce = c.get('secureHeadersNonce');
    const lang = languageOf(c.req.query('lang'));
    const copy = COPY[lang];
    return c.html(html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${copy.title}</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2330}main{margin:48px auto;padding:0 20px;max-width:640px}</style></head>
<body>
<main>
<h1>${copy.heading}</h1>
<p>${copy.text}</p>
</main>
<script src="/widget.js" nonce="${nonce}" data-widget-key="${widgetKey}" async></script>
</body>
</html>`);
  });
