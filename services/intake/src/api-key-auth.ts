import { createMiddleware } from 'hono/factory';
import type { TenantKey } from '@triage/store';
import { errorBody } from './http-errors.ts';
import type { IntakeEnv } from './env.ts';
import type { KeyResolver } from './key-cache.ts';

const bearer = (header: string | undefined): string | undefined => {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
};

/** Resolves the tenant from `Authorization: Bearer <api key>`; keys are stored hashed. */
export const apiKeyAuth = (resolveApiKey: KeyResolver<TenantKey>) =>
  createMiddleware<IntakeEnv>(async (c, next) => {
    const key = bearer(c.req.header('authorization'));
    if (!key) return c.json(errorBody('unauthorized', 'send the tenant API key as "Authorization: Bearer <key>"'), 401);
    const resolved = await resolveApiKey(key);
    if (!resolved) return c.json(errorBody('unauthorized', 'unknown API key'), 401);
    c.set('tenantId', resolved.tenantId);
    c.set('principal', `api:${key.slice(0, 12)}`);
    await next();
  });
