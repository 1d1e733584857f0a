import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { WidgetKey } from '@triage/store';
import { type ApiEnv, errorBody, type KeyResolver } from '@triage/http';

export const WIDGET_KEY_HEADER = 'x-widget-key';

/** Why a request's Origin does not fit the key's list, or undefined when it does. */
const originRefusal = (allowedOrigins: string[], origin: string | undefined): string | undefined => {
  if (allowedOrigins.includes('*')) return undefined;
  if (!origin) return 'this widget key serves its allowed origins only, and the request carries no Origin header';
  return allowedOrigins.includes(origin) ? undefined : `origin ${origin} is not allowed for this widget key`;
};

/**
 * Widget keys are public (they sit in a page's HTML), so they only name the tenant; what protects
 * a tenant is the allowed-origins list, checked against the browser's Origin header. A request
 * without one (curl, a server) is refused too: only a key for any site (`*`) serves those.
 */
export const widgetKeyAuth = (resolveWidgetKey: KeyResolver<WidgetKey>) =>
  createMiddleware<ApiEnv>(async (c, next) => {
    const key = c.req.header(WIDGET_KEY_HEADER);
    if (!key) return c.json(errorBody('unauthorized', `send the widget key in the ${WIDGET_KEY_HEADER} header`), 401);
    const widget = await resolveWidgetKey(key);
    if (!widget) return c.json(errorBody('unauthorized', 'unknown widget key'), 401);
    const origin = c.req.header('origin');
    const refusal = originRefusal(widget.allowedOrigins, origin);
    if (refusal) return c.json(errorBody('forbidden_origin', refusal), 403);
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
    c.set('tenantId', widget.tenantId);
    c.set('principal', `widget:${key}`);
    await next();
  });

/**
 * Answers the browser's preflight. It carries the names of the request's headers but not their
 * values, so the widget key is unknown here: the origin is allowed when some widget key admits it.
 * That only lets the browser send the request; the request itself is then checked against its own key.
 */
export const widgetPreflight = (someKeyAdmits: (origin: string) => Promise<boolean>) =>
  cors({
    origin: async (origin) => (origin && (await someKeyAdmits(origin)) ? origin : null),
    allowMethods: ['GET', 'POST'],
    allowHeaders: ['content-type', WIDGET_KEY_HEADER],
    maxAge: 600,
  });
