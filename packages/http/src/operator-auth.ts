import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { errorBody } from './http-errors.ts';

export const OperatorConfig = z.object({
  OPERATOR_TOKEN: z
    .string()
    .min(24, 'use at least 24 characters')
    .optional()
    .describe('Bearer token of the operator routes (admin API, every tenant on /ops, /metrics); unset, they refuse every request'),
});
export type OperatorConfig = z.infer<typeof OperatorConfig>;

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `authorization` carries the operator token; compared in constant time, so its length and prefix leak nothing. */
export const isOperator = (token: string | undefined, authorization: string | undefined): boolean => {
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return token !== undefined && given !== undefined && timingSafeEqual(digest(given), digest(token));
};

/** Routes only an operator may call: `Authorization: Bearer <OPERATOR_TOKEN>`. */
export const operatorAuth = (token: string | undefined) =>
  createMiddleware(async (c, next) => {
    if (!token) return c.json(errorBody('forbidden', 'operator routes are off: set OPERATOR_TOKEN to use them'), 403);
    if (!isOperator(token, c.req.header('authorization')))
      return c.json(errorBody('unauthorized', 'send the operator token as "Authorization: Bearer <token>"'), 401);
    await next();
  });
