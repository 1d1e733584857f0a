import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import { allTopics, topicJsonSchemas } from '@triage/contracts';
import { pageSecurityHeaders } from '@triage/http';

// Swagger UI from the swagger-ui-dist package, served from this origin: the page loads nothing from
// elsewhere, and the bundle is read and compressed once, on its first request.
const viewerFiles = {
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
} as const;
type ViewerFile = keyof typeof viewerFiles;
const resolveViewer = createRequire(import.meta.url).resolve;
const compressed = new Map<ViewerFile, Buffer>();
const viewerFile = (name: ViewerFile): Buffer => {
  let gzipped = compressed.get(name);
  if (!gzipped) {
    // Without its source map comment: the map is not served.
    const text = readFileSync(resolveViewer(`swagger-ui-dist/${name}`), 'utf8').replace(/\/[*/]# sourceMappingURL=\S+( \*\/)?\s*$/, '');
    gzipped = gzipSync(text);
    compressed.set(name, gzipped);
  }
  return gzipped;
};

/** The OpenAPI documents a process may serve; the page offers those that answer. */
const DOCUMENTS = [
  { name: 'Intake: tickets, deflection, events', path: '/openapi.json' },
  { name: 'Insights: support metrics', path: '/openapi/insights.json' },
  { name: 'Problems: records of shared faults', path: '/openapi/problems.json' },
  { name: 'Knowledge loop: gaps and stale articles', path: '/openapi/knowledge-loop.json' },
  { name: 'Admin: tenants, keys, webhooks', path: '/openapi/admin.json' },
];

/** Where a topic's JSON Schema is served; the stream and webhook descriptions link here. */
export const topicSchemaPath = (topic: string) => `/schemas/${topic}.json`;

// Swagger UI's own palette puts white on light green and grey on grey: darker shades reach AA contrast.
const pageStyles = `
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2330; }
.intro { max-width: 1100px; margin: 0 auto; padding: 24px 20px 0; }
.intro h1 { margin: 0 0 8px; font-size: 28px; }
.intro nav ul { display: flex; flex-wrap: wrap; gap: 8px 20px; list-style: none; padding: 0; }
.intro a { color: #1d4ed8; }
.intro pre { background: #f3f5f8; border: 1px solid #d8dde6; border-radius: 6px; padding: 12px; overflow-x: auto; font-size: 13px; }
.intro code { font-size: 13px; }
.intro details { margin: 8px 0; }
.intro summary { cursor: pointer; font-weight: 600; }
.swagger-ui .opblock .opblock-summary-method { background: #1f2937 !important; color: #fff; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #0f6b45 !important; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1d4ed8 !important; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b42318 !important; }
.swagger-ui .opblock.opblock-put .opblock-summary-method, .swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #8a4b00 !important; }
.swagger-ui .info .title small, .swagger-ui .info .title small pre { background: #4b5563 !important; color: #fff; }
.swagger-ui .info .title small.version-stamp { background: #0f6b45 !important; }
.swagger-ui .btn.authorize, .swagger-ui .btn.authorize svg { color: #0f6b45; fill: #0f6b45; border-color: #0f6b45; }
.swagger-ui .response-col_status, .swagger-ui .parameter__in, .swagger-ui .prop-format, .swagger-ui .parameter__type,
.swagger-ui .opblock-summary-path__deprecated, .swagger-ui .model-hint, .swagger-ui .response-control-media-type__accept-message,
.swagger-ui .renderedMarkdown p, .swagger-ui .opblock-description-wrapper p, .swagger-ui table thead tr th, .swagger-ui .model .property.primitive,
.swagger-ui .prop-type, .swagger-ui .opblock-summary-description { color: #1f2937 !important; }
.swagger-ui .model-title, .swagger-ui .model { color: #1f2937; }
.swagger-ui a.nostyle, .swagger-ui .info a { color: #1d4ed8; }
.swagger-ui .scheme-container { box-shadow: none; border-top: 1px solid #d8dde6; }
@media (max-width: 600px) { .intro { padding: 16px 12px 0; } .swagger-ui .wrapper { padding: 0 8px; } }
`;

const viewerScript = (documents: typeof DOCUMENTS) => `
const documents = ${JSON.stringify(documents)};
const selected = new URLSearchParams(location.search).get('api') ?? documents[0].path;
// Only the documents this process serves are offered: run standalone, insights and admin have their own ports.
for (const link of document.querySelectorAll('[data-document]')) {
  fetch(link.dataset.document, { method: 'HEAD' }).then((r) => { if (r.ok) link.parentElement.hidden = false; }, () => {});
}
window.ui = SwaggerUIBundle({
  url: documents.some((d) => d.path === selected) ? selected : documents[0].path,
  dom_id: '#api',
  // Deep links would put a link inside each operation's toggle button: nested controls a screen reader cannot reach.
  deepLinking: false,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: false,
});
`;

const page = (origin: string, nonce: string | undefined) => html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Triage API</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" nonce="${nonce}">
  <style nonce="${nonce}">${raw(pageStyles)}</style>
</head>
<body>
<div class="intro">
  <h1>Triage API</h1>
  <p>Every request and response below is JSON; every refusal has the same body,
  <code>{"error": "&lt;code&gt;", "message": "&lt;sentence&gt;", "issues": [{"path", "message"}]}</code>
  (<code>issues</code> on a 400 only). Ticket, stream and metrics endpoints take a tenant API key as
  <code>Authorization: Bearer &lt;key&gt;</code>; the widget's deflection endpoints take the public
  <code>x-widget-key</code> header from an allowed origin; the admin API takes the operator token.</p>
  <nav aria-label="API documents"><ul>
    ${DOCUMENTS.map(
      (d, i) =>
        html`<li${raw(i ? ' hidden' : '')}><a href="/docs?api=${encodeURIComponent(d.path)}" data-document="${d.path}">${d.name}</a> (<a href="${d.path}">JSON</a>)</li>`,
    )}
  </ul></nav>
  <details>
    <summary>Embed the chat widget</summary>
    <p>One tag on the helpdesk's page, with a widget key issued for the page's origin:</p>
    <pre><code>&lt;script src="${origin}/widget.js" data-widget-key="wk_…" async&gt;&lt;/script&gt;</code></pre>
    <p>Optional attributes on the tag: <code>data-locale</code> (<code>en</code>, <code>es</code>, <code>de</code> or
    <code>fr</code>; else the page's <code>lang</code>), <code>data-title</code> (the panel's heading),
    <code>data-accent</code> (a <code>#rrggbb</code> colour) and <code>data-position</code> (<code>right</code> or
    <code>left</code>). A page with a nonce-based CSP gives the tag its nonce.</p>
    <p>For a signed-in visitor, the host's server adds <code>data-user-id="&lt;their id&gt;"</code> and
    <code>data-user-hash="&lt;hex HMAC-SHA256 of the id with the tenant's widget identity secret&gt;"</code>, so
    a ticket opened from the widget carries the customer's tier.</p>
  </details>
  <details>
    <summary>Event schemas (Kafka topics, the event stream, webhooks)</summary>
    <p>Each event on a topic, on <code>GET /v1/stream/{topic}</code> and in a webhook is a versioned envelope; its JSON Schema (draft 2020-12):</p>
    <ul>${allTopics.map((t) => html`<li><a href="${topicSchemaPath(t)}"><code>${t}</code></a></li>`)}</ul>
  </details>
</div>
<main id="api"></main>
<script src="/docs/assets/swagger-ui-bundle.js" nonce="${nonce}"></script>
<script nonce="${nonce}">${raw(viewerScript(DOCUMENTS))}</script>
</body>
</html>`;

/**
 * `/docs`: the OpenAPI documents rendered by Swagger UI, the widget's embed snippet and the topics'
 * JSON Schemas (`/schemas/<topic>.json`).
 */
export const docsRoutes = () => {
  const schemas = topicJsonSchemas();
  return new Hono()
    .get('/docs', pageSecurityHeaders, (c) => c.html(page(new URL(c.req.url).origin, c.get('secureHeadersNonce'))))
    .get('/docs/assets/:file', (c) => {
      const name = c.req.param('file');
      if (!Object.hasOwn(viewerFiles, name)) return c.notFound();
      const gzipped = viewerFile(name as ViewerFile);
      const headers = {
        'content-type': viewerFiles[name as ViewerFile],
        'cache-control': 'public, max-age=86400',
        vary: 'accept-encoding',
      };
      return /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')
        ? c.body(new Uint8Array(gzipped), 200, { ...headers, 'content-encoding': 'gzip' })
        : c.body(new Uint8Array(gunzipSync(gzipped)), 200, headers);
    })
    .get('/schemas/:file', (c) => {
      const topic = c.req.param('file').replace(/\.json$/, '');
      return Object.hasOwn(schemas, topic) ? c.json(schemas[topic as keyof typeof schemas]) : c.notFound();
    });
};
