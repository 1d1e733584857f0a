import { createTenantApiApp, type TenantApiOptions } from '@triage/http';
import type { Store } from '@triage/store';
import { articleRoutes } from './routes/articles.ts';
import { gapRoutes } from './routes/gaps.ts';
import type { StaleRule } from './stale.ts';

export interface KnowledgeLoopAppDeps extends Omit<TenantApiOptions, 'resolveApiKey'> {
  store: Store;
  stale: StaleRule;
}

export const KNOWLEDGE_LOOP_OPENAPI_PATH = '/openapi/knowledge-loop.json';

/** The tenant's knowledge gaps and the health of its articles, behind its API key. */
export const createKnowledgeLoopApp = ({ store, stale, ...options }: KnowledgeLoopAppDeps) => {
  const { app } = createTenantApiApp(
    { ...options, resolveApiKey: (key) => store.tenants.resolveApiKey(key) },
    {
      paths: ['/v1/kb/*'],
      openApi: { path: KNOWLEDGE_LOOP_OPENAPI_PATH, title: 'Triage knowledge loop API', prefix: '/v1/kb' },
    },
  );
  app.route('/', gapRoutes(store));
  app.route('/', articleRoutes(store, stale));
  return app;
};
