import { createHash } from 'node:crypto';
import { bearerAuth } from 'hono/bearer-auth';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { TenantKey } from '@triage/store';
import { errorBody } from './http-errors.ts';
import type { ApiEnv } from './env.ts';
import { type AuthFailureConfig, authFailureLimit } from './auth-failure-limit.ts';
import { cachedKeys, type KeyResolver } from './key-cache.ts';
import { rateLimit } from './rate-limit.ts';
import type { RateLimitOptions } from './token-buckets.ts';

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

export interface ApiKeyGuardOptions {
  /** Looks the key up in the database; cached here for `keyCacheMs`. */
  resolveApiKey: KeyResolver<TenantKey>;
  /** How long an API key that resolved is trusted before the database is asked again. */
  keyCacheMs: number;
  /** How many failed authentications a client address may make. */
  authFailures: AuthFailureConfig;
  /** Each API key's budget. */
  rateLimit: RateLimitOptions;
}

/**
 * The guards of the routes a tenant's API key opens, run in this order after `clientAddress`:
 * `authFailures`, `apiKey`, `limit`. Made once per app, so every path they cover shares one count
 * of failures per client and one budget per key.
 */
export const apiKeyGuards = (options: ApiKeyGuardOptions) => {
  const resolveApiKey = cachedKeys(options.resolveApiKey, { ttlMs: options.keyCacheMs });
  return {
    /** The cached resolver the `apiKey` guard asks. */
    resolveApiKey,
    authFailures: authFailureLimit(options.authFailures),
    apiKey: apiKeyAuth(resolveApiKey),
    limit: rateLimit(options.rateLimit),
  };
};
