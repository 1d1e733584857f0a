import { createTenantApiApp, type TenantApiOptions } from '@triage/http';
import type { Store } from '@triage/store';
import { problemRoutes } from './routes.ts';

export interface ProblemsAppDeps extends Omit<TenantApiOptions, 'resolveApiKey'> {
  store: Store;
}

/** Where the app serves its OpenAPI document, beside intake's and insights' on the embedded port. */
export const PROBLEMS_OPENAPI_PATH = '/openapi/problems.json';

/** The problem records over the API, behind the tenant's API key. */
export const createProblemsApp = ({ store, ...options }: ProblemsAppDeps) => {
  const { app } = createTenantApiApp(
    { ...options, resolveApiKey: (key) => store.tenants.resolveApiKey(key) },
    {
      paths: ['/v1/problems', '/v1/problems/*'],
      openApi: { path: PROBLEMS_OPENAPI_PATH, title: 'Triage problems API', prefix: '/v1/problems', tag: 'Problems' },
    },
  );
  app.route('/', problemRoutes(store));
  return app;
};
