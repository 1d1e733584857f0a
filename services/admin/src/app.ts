import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit, operatorAuth, serveOpenApi, withJsonErrors } from '@triage/http';
import type { Logger } from '@triage/runtime';
import type { Store } from '@triage/store';
import { HTTPException } from 'hono/http-exception';
import { adminOperations } from './operations.ts';
import { adminRoutes } from './routes.ts';
import { webhookRoutes } from './webhook-routes.ts';

/** Where the app serves its OpenAPI document, beside intake's `/openapi.json` on the embedded default's port. */
export const ADMIN_OPENAPI_PATH = '/openapi/admin.json';

/** A customer list of 10,000 rows fits well below this. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface AdminAppDeps {
  store: Store;
  logger: Logger;
  /** `OPERATOR_TOKEN`: unset, every admin route answers 403. */
  operatorToken: string | undefined;
  /** WEBHOOKS_ALLOW_PRIVATE: off, webhook endpoints must be https to public addresses. */
  allowPrivateWebhooks?: boolean;
}

/** The admin API: tenants, their keys and their customers, for an operator only. */
export const createAdminApp = (deps: AdminAppDeps) => {
  const app = new OpenAPIHono();
  withJsonErrors(app, deps.logger);
  app.use('/admin/*', operatorAuth(deps.operatorToken));
  app.use(
    '/admin/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new HTTPException(413, { message: `the body is larger than ${MAX_BODY_BYTES} bytes` });
      },
    }),
  );
  const ops = adminOperations(deps.store, { allowPrivateWebhooks: deps.allowPrivateWebhooks ?? false });
  app.route('/', adminRoutes(ops));
  app.route('/', webhookRoutes(ops));
  serveOpenApi(
    app,
    ADMIN_OPENAPI_PATH,
    { info: { title: 'Triage admin API', version: '1.0.0', description: 'Every route needs `Authorization: Bearer <OPERATOR_TOKEN>`.' } },
    [{ prefix: '/admin', scheme: 'operator', errors: [401, 403], tag: 'Admin' }],
  );
  return app;
};
