import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { pageSecurityHeaders } from '@triage/http';

interface Operation {
  summary?: string;
}
type Paths = Record<string, Record<string, Operation>>;

/** A readable index of the API, rendered from the OpenAPI document itself so the two never disagree. */
export const docsRoutes = (document: () => { paths?: object }) =>
  new Hono().get('/docs', pageSecurityHeaders, (c) => {
    const paths = (document().paths ?? {}) as Paths;
    const rows = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, op]) =>
          html`<tr><td class="m ${method}">${method.toUpperCase()}</td><td><code>${path}</code></td><td>${op.summary ?? ''}</td></tr>`,
      ),
    );
    return c.html(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Triage API</title>
<style nonce="${c.get('secureHeadersNonce')}">body{font:15px/1.5 system-ui,sans-serif;margin:40px;color:#1d2330}table{border-collapse:collapse}
td{padding:6px 12px;border-bottom:1px solid #e3e7ee}.m{font-weight:700}.post{color:#1f7a44}.get{color:#2456c8}</style></head>
<body><h1>Triage API</h1><p>The full OpenAPI 3.1 document: <a href="/openapi.json">/openapi.json</a>.
Ticket endpoints take <code>Authorization: Bearer &lt;tenant API key&gt;</code>; deflection endpoints take
<code>x-widget-key</code>.</p><table>${raw(rows.join(''))}</table></body></html>`);
  });
