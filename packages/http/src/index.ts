export { apiKeyAuth } from './api-key-auth.ts';
export type { ApiEnv } from './env.ts';
export { errorBody, errorContent, validationHook, withJsonErrors } from './http-errors.ts';
export { cachedKeys, type KeyCacheOptions, type KeyResolver } from './key-cache.ts';
export { rateLimit, type RateLimitOptions } from './rate-limit.ts';
export { strictUtf8 } from './strict-utf8.ts';
export { isOperator, OperatorConfig, operatorAuth } from './operator-auth.ts';
