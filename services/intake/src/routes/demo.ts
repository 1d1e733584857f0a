import { Hono } from 'hono';
import { html } from 'hono/html';
import { pageSecurityHeaders } from '@triage/http';

/** A stand-in customer page embedding the widget, so the deflection flow can be tried in a browser. */
export const demoRoutes = (widgetKey: string) =>
  new Hono().get('/demo', pageSecurityHeaders, (c) => {
    // The widget styles its shadow root with this nonce too: it reads it from its own <script> tag.
    const nonce = c.get('secureHeadersNonce');
    return c.html(html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Acme Cloud — Help</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;margin:48px;color:#1d2330;max-width:640px}</style></head>
<body>
<h1>Acme Cloud help center</h1>
<p>Type your question in the help box: answers appear while you type. If none helps, open a ticket
from there and our team gets everything you already tried.</p>
<script src="/widget.js" nonce="${nonce}" data-widget-key="${widgetKey}" async></script>
</body>
</html>`);
  });
