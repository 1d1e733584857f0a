import { createMiddleware } from 'hono/factory';
import type { WidgetKey } from '@triage/store';
import { type ApiEnv, errorBody, type KeyResolver } from '@triage/http';

export const WIDGET_KEY_HEADER = 'x-widget-key';

/**
 * Widget keys are public (they sit in a page's HTML), so they only name the tenant; what protects
 * a tenant is the allowed-origins list, checked against the browser's Origin header.
 */
export const widgetKeyAuth = (resolveWidgetKey: KeyResolver<WidgetKey>) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const key = c.req.header(WIDGET_KEY_HEADER);
    if (!key) return c.json(errorBody('unauthorized', `send the widget key in the ${WIDGET_KEY_HEADER} header`), 401);
    const widget = await resolveWidgetKey(key);
    if (!widget) return c.json(errorBody('unauthorized', 'unknown widget key'), 401);
    const origin = c.req.header('origin');
    if (origin) {
      if (!widget.allowedOrigins.includes('*') && !widget.allowedOrigins.includes(origin)) {
        return c.json(errorBody('forbidden_origin', `origin ${origin} is not allowed for this widget key`), 403);
      }
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    c.set('tenantId', widget.tenantId);
    c.set('principal', `widget:${key}`);
    await next();
  });

/** Preflight answers carry no key, so they only state what a real request may send. */
export const widgetPreflight = createMiddleware(async (c, next) => {
  if (c.req.method !== 'OPTIONS') return next();
  const origin = c.req.header('origin');
  return c.body(null, 204, {
    ...(origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': `content-type, ${WIDGET_KEY_HEADER}`,
    'Access-Control-Max-Age': '600',
  });
});
