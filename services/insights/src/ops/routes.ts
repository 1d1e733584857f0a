import { type Context, Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { type AgeBand, ageBands, type SupportSummary } from '@triage/metrics';
import { errorBody, pageSecurityHeaders, validationHook } from '@triage/http';
import { drills, MEASURES } from './history.ts';
import { opsPage } from './page.ts';
import { periodOf, RangeParam } from './period.ts';
import type { OpsRecords } from './records.ts';
import type { OpsSessions } from './session.ts';
import { sessionCookie } from './session-cookie.ts';
import { signInRoutes } from './sign-in.ts';
import { signInPage } from './sign-in-page.ts';
import { ticketListPage, ticketPage } from './tickets-page.ts';
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
  /** The stored tickets behind the period's trends and drill-downs; without them the page shows the live figures only. */
  records?: OpsRecords;
  now?: () => number;
}

type OpsEnv = { Variables: { viewer: Viewer; tenantId: string } };

const Tenant = z.string().trim().min(1).max(200).optional();
const PageQuery = z.object({ tenant: Tenant, range: RangeParam });
const DrillQuery = z.object({
  tenant: Tenant,
  range: RangeParam,
  measure: z.enum(MEASURES),
  day: z.iso.date().optional(),
  channel: z.string().min(1).max(100).optional(),
  queue: z.string().min(1).max(200).optional(),
  age: z.enum(ageBands as [AgeBand, ...AgeBand[]]).optional(),
});
const TicketIdParam = z.string().min(1).max(200);
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * `GET /ops` (the dashboard), `GET /ops/summary.json` (the live figures as JSON), `GET /ops/tickets`
 * (the tickets behind a number) and `GET /ops/tickets/{id}`, for the bearer of an `Authorization`
 * header or of a session cookie. A tenant's key shows that tenant and nothing else, not even the
 * other tenants' names; the operator token shows any (`?tenant=`).
 */
export const opsRoutes = (deps: OpsDeps) => {
  const now = deps.now ?? Date.now;
  const forViewer = (refuse: (c: Context) => Response | Promise<Response>) =>
    createMiddleware<OpsEnv>(async (c, next) => {
      const authorization = c.req.header('authorization');
      // A header, when sent, decides alone: a wrong key does not fall back to a cookie.
      const viewer = authorization ? await deps.viewerOf(authorization) : deps.sessions.read(sessionCookie.read(c));
      if (!viewer) return refuse(c);
      const query = z.object({ tenant: Tenant }).safeParse(c.req.query());
      if (!query.success) return validationHook(query, c);
      const asked = query.data.tenant;
      if (viewer.role === 'tenant' && asked !== undefined && asked !== viewer.tenantId) {
        return c.json(errorBody('forbidden', "a tenant's key shows that tenant's figures only"), 403);
      }
      c.set('viewer', viewer);
      c.set('tenantId', viewer.role === 'tenant' ? viewer.tenantId : (asked ?? deps.defaultTenant));
      await next();
    });
  const page = forViewer((c) => c.html(signInPage(c.get('secureHeadersNonce')), 401, NO_STORE));
  const records = (c: Context) => deps.records ?? c.json(errorBody('not_found', 'this process keeps no ticket records to list'), 404);

  return new Hono<OpsEnv>()
    .route('/', signInRoutes(deps))
    .get('/ops', pageSecurityHeaders, page, async (c) => {
      const query = PageQuery.safeParse(c.req.query());
      if (!query.success) return validationHook(query, c);
      const tenantId = c.get('tenantId');
      const at = now();
      const period = periodOf(query.data.range, at);
      const [summary, history, problems] = await Promise.all([
        deps.summary(tenantId),
        deps.records?.history(tenantId, period, at),
        deps.records?.openProblems(tenantId),
      ]);
      const tenants = c.get('viewer').role === 'operator' ? (deps.tenants?.() ?? []) : undefined;
      const view = history && { tenant: tenantId, history, now: at };
      return c.html(opsPage(summary, tenants, c.get('secureHeadersNonce'), view && { view, problems: problems ?? [] }), 200, NO_STORE);
    })
    .get(
      '/ops/summary.json',
      forViewer((c) =>
        c.json(errorBody('unauthorized', 'send a tenant API key or the operator token as "Authorization: Bearer <key>"'), 401),
      ),
      async (c) => c.json(await deps.summary(c.get('tenantId')), 200, NO_STORE),
    )
    .get('/ops/tickets', pageSecurityHeaders, page, async (c) => {
      const found = records(c);
      if (found instanceof Response) return found;
      const query = DrillQuery.safeParse(c.req.query());
      if (!query.success) return validationHook(query, c);
      const { tenant: _tenant, range, ...drill } = query.data;
      const tenantId = c.get('tenantId');
      const at = now();
      const period = periodOf(range, at);
      const history = await found.history(tenantId, period, at);
      const tickets = history.tickets.filter((t) => drills(t, drill, period, at));
      return c.html(ticketListPage({ tenant: tenantId, drill, period, tickets, now: at }, c.get('secureHeadersNonce')), 200, NO_STORE);
    })
    .get('/ops/tickets/:id', pageSecurityHeaders, page, async (c) => {
      const found = records(c);
      if (found instanceof Response) return found;
      const id = TicketIdParam.safeParse(c.req.param('id'));
      if (!id.success) return validationHook(id, c);
      const tenantId = c.get('tenantId');
      const ticket = await found.ticket(tenantId, id.data);
      if (!ticket) return c.json(errorBody('not_found', 'no such ticket for this tenant'), 404);
      return c.html(ticketPage({ tenant: tenantId, ...ticket, now: now() }, c.get('secureHeadersNonce')), 200, NO_STORE);
    });
};
