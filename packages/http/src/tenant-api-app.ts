import { OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from '@triage/runtime';
import { type ApiKeyGuardOptions, apiKeyGuards } from './api-key-auth.ts';
import { clientAddress } from './client-address.ts';
import type { ApiEnv } from './env.ts';
import { withJsonErrors } from './http-errors.ts';
import { serveOpenApi } from './openapi.ts';
import { securityHeaders } from './security-headers.ts';

export interface TenantApiOptions extends ApiKeyGuardOptions {
  logger: Logger;
  /** Proxies whose X-Forwarded-For names the client (`TRUSTED_PROXIES`). */
  trustedProxies: string[];
}

export interface TenantApiSpec {
  /** The path patterns the tenant's API key guards: `/x/*` does not match `/x` itself, so list both when both are routes. */
  paths: readonly string[];
  /** Where the document is served, its title, and the prefix of the operations the key guards. */
  openApi: { path: string; title: string; prefix: string; tag?: string };
}

/**
 * An OpenAPI app whose `paths` take the tenant's API key, with the JSON errors, the hardening
 * headers and its OpenAPI document at `openApi.path`; the caller adds its routes. The guards come
 * back too, for routes that check a key their own way (insights' `/ops`), so they share the app's
 * count of failures per client and its key cache.
 */
export const createTenantApiApp = (options: TenantApiOptions, spec: TenantApiSpec) => {
  const guards = apiKeyGuards(options);
  const client = clientAddress(options.trustedProxies);
  const app = new OpenAPIHono<ApiEnv>();
  withJsonErrors(app, options.logger);
  // composeProcess mounts every service's app on one: each sets the same `*` defaults and keeps a
  // header a route set itself, so no app changes another's responses.
  app.use('*', securityHeaders);
  for (const path of spec.paths) app.use(path, client, guards.authFailures, guards.apiKey, guards.limit);
  // The document is assembled on its first request, so it includes the routes the caller adds after this.
  const { path, title, prefix, tag } = spec.openApi;
  serveOpenApi(app, path, { info: { title, version: '1.0.0' } }, [{ prefix, scheme: 'apiKey', errors: [401, 429], tag }]);
  return { app, guards: { ...guards, clientAddress: client } };
};
