import { createHash } from 'node:crypto';
import { bearerAuth } from 'hono/bearer-auth';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { TenantKey } from '@triage/store';
import { errorBody } from './http-errors.ts';
import type { ApiEnv } from './env.ts';
import type { KeyResolver } from './key-cache.ts';

const HOW = 'send the tenant API key as "Authorization: Bearer <key>"';

/** A digest of the whole key: keys that share a prefix must not share a rate budget. */
const principalOf = (key: string): string => `api:${createHash('sha256').update(key).digest('hex')}`;

/** Resolves the tenant from `Authorization: Bearer <api key>`; keys are stored hashed. */
export const apiKeyAuth = (resolveApiKey: KeyResolver<TenantKey>) => {
  const bearer = bearerAuth<ApiEnv>({
    verifyToken: async (key, c) => {
      const resolved = await resolveApiKey(key);
      if (!resolved) return false;
      c.set('tenantId', resolved.tenantId);
      c.set('principal', principalOf(key));
      return true;
    },
    noAuthenticationHeader: { message: errorBody('unauthorized', HOW) },
    // 401 like a missing header rather than hono's 400: either way the client sent no usable key.
    invalidAuthenticationHeader: { message: (c) => c.json(errorBody('unauthorized', HOW), 401) },
    invalidToken: { message: errorBody('unauthorized', 'unknown API key') },
  });
  // bearerAuth throws its refusals as HTTPExceptions carrying the response; the app's onError would
  // rebuild them from their empty message, so they are answered here as built. What the routes
  // behind it throw still goes to onError.
  return createMiddleware<ApiEnv>(async (c, next) => {
    let admitted = false;
    try {
      await bearer(c, async () => {
        admitted = true;
        await next();
      });
    } catch (err) {
      if (!admitted && err instanceof HTTPException) return err.getResponse();
      throw err;
    }
  });
};
