import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { SupportSummary } from '@triage/metrics';
import { errorBody, pageSecurityHeaders, validationHook } from '@triage/http';
import { opsPage } from './page.ts';
import type { OpsSessions } from './session.ts';
import { sessionCookie } from './session-cookie.ts';
import { signInRoutes } from './sign-in.ts';
import { signInPage } from './sign-in-page.ts';
import type { Viewer } from './viewer.ts';

export interface OpsDeps {
  summary: (tenantId: string) => SupportSummary | Promise<SupportSummary>;
  /** Tenants to offer an operator in the picker; without it the page shows a text field. */
  tenants?: () => string[];
  /** What an operator sees when the URL names no tenant: a deployment usually serves one. */
  defaultTenant: string;
  /** Who an `Authorization` header names: the operator, a tenant, or nobody. */
  viewerOf: (authorization: string) => Promise<Viewer | undefined>;
  sessions: OpsSessions;
}

type OpsEnv = { Variables: { viewer: Viewer; summary: SupportSummary } };

const OpsQuery = z.object({ tenant: z.string().trim().min(1).max(200).optional() });
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * `GET /ops` (the dashboard) and `GET /ops/summary.json` (the same figures as JSON), for the bearer of
 * an `Authorization` header or of a session cookie. A tenant's key shows that tenant and nothing else,
 * not even the other tenants' names; the operator token shows any (`?tenant=`).
 */
export const opsRoutes = (deps: OpsDeps) => {
  const summaryForViewer = (refuse: (c: Context) => Response | Promise<Response>) =>
    createMiddleware<OpsEnv>(async (c, next) => {
      const authorization = c.req.header('authorization');
      // A header, when sent, decides alone: a wrong key does not fall back to a cookie.
      const viewer = authorization ? await deps.viewerOf(authorization) : deps.sessions.read(sessionCookie.read(c));
      if (!viewer) return refuse(c);
      const query = OpsQuery.safeParse(c.req.query());
      if (!query.success) return validationHook(query, c);
      const asked = query.data.tenant;
      if (viewer.role === 'tenant' && asked !== undefined && asked !== viewer.tenantId) {
        return c.json(errorBody('forbidden', "a tenant's key shows that tenant's figures only"), 403);
      }
      c.set('viewer', viewer);
      c.set('summary', await deps.summary(viewer.role === 'tenant' ? viewer.tenantId : (asked ?? deps.defaultTenant)));
      await next();
    });
  return new Hono<OpsEnv>()
    .route('/', signInRoutes(deps))
    .get(
      '/ops',
      pageSecurityHeaders,
      summaryForViewer((c) => c.html(signInPage(c.get('secureHeadersNonce')), 401, NO_STORE)),
      (c) =>
        c.html(
          opsPage(
            c.get('summary'),
            c.get('viewer').role === 'operator' ? (deps.tenants?.() ?? []) : undefined,
            c.get('secureHeadersNonce'),
          ),
          200,
          NO_STORE,
        ),
    )
    .get(
      '/ops/summary.json',
      summaryForViewer((c) =>
        c.json(errorBody('unauthorized', 'send a tenant API key or the operator token as "Authorization: Bearer <key>"'), 401),
      ),
      (c) => c.json(c.get('summary'), 200, NO_STORE),
    );
};
