import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const widgetSource = readFileSync(new URL('../widget/widget.js', import.meta.url), 'utf8');

/** Serves the embeddable chat widget: a single script, cacheable, no build step on the host page. */
export const widgetRoutes = () =>
  new Hono().get('/widget.js', (c) =>
    c.body(widgetSource, 200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      // Other sites' pages load it with a <script> tag: a same-origin resource policy would block that.
      'cross-origin-resource-policy': 'cross-origin',
    }),
  );
