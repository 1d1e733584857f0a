import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { SupportSummary } from '@triage/metrics';
import { validationHook } from '@triage/http';
import { opsPage } from './page.ts';

export interface OpsDeps {
  summary: (tenantId: string) => SupportSummary | Promise<SupportSummary>;
  /** Tenants to offer in the picker; without it the page shows a text field. */
  tenants?: () => string[];
  /** Shown when the URL names no tenant: a deployment usually serves one. */
  defaultTenant: string;
}

type OpsEnv = { Variables: { summary: SupportSummary } };

const OpsQuery = z.object({ tenant: z.string().trim().min(1).max(200).optional() });

/** `GET /ops` (the operators' dashboard) and `GET /ops/summary.json` (the same figures as JSON). */
export const opsRoutes = (deps: OpsDeps) => {
  const summaryOfQueriedTenant = createMiddleware<OpsEnv>(async (c, next) => {
    const query = OpsQuery.safeParse(c.req.query());
    if (!query.success) return validationHook(query, c);
    c.set('summary', await deps.summary(query.data.tenant ?? deps.defaultTenant));
    await next();
  });
  return new Hono<OpsEnv>()
    .get('/ops', summaryOfQueriedTenant, (c) =>
      c.html(opsPage(c.get('summary'), deps.tenants?.() ?? []), 200, { 'cache-control': 'no-store' }),
    )
    .get('/ops/summary.json', summaryOfQueriedTenant, (c) => c.json(c.get('summary'), 200, { 'cache-control': 'no-store' }));
};
