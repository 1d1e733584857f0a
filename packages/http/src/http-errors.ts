import type { Logger } from '@triage/runtime';
import type { Context, Env, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';

export interface FieldIssue {
  path: string;
  message: string;
}

/** Every 4xx body has the same shape: a stable code, a sentence, and field-level issues when there are any. */
export const errorBody = (error: string, message: string, issues?: FieldIssue[]) => ({ error, message, ...(issues ? { issues } : {}) });

const ErrorResponse = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

/** An OpenAPI response entry for the shared error body. */
export const errorContent = (description: string) => ({ description, content: { 'application/json': { schema: ErrorResponse } } });

const fieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));

/** zod-openapi's hook: a failed validation answers 400 with each bad field. */
export const validationHook = (result: { success: boolean; error?: z.ZodError }, c: Context) => {
  if (!result.success && result.error) {
    return c.json(errorBody('invalid_request', 'the request does not match the schema', fieldIssues(result.error)), 400);
  }
  return undefined;
};

/** Turns thrown HTTP exceptions (malformed JSON, body too large, a stream that cannot start) into the JSON error shape. */
export const onHttpError = (err: Error, c: Context) => {
  if (err instanceof HTTPException) {
    const status = err.status;
    // zod-openapi refuses a body that is not JSON with a bare 415.
    if (status === 415) return c.json(errorBody('unsupported_media_type', 'send the body as application/json'), 415);
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : status === 503 ? 'unavailable' : 'bad_request';
    return c.json(errorBody(code, err.message || 'bad request'), status);
  }
  throw err;
};

/**
 * Makes every failure of `app` answer in the shared error body: HTTP exceptions with their status,
 * anything else 500 (logged, since the client learns nothing from it), unknown paths 404.
 */
export const withJsonErrors = <E extends Env>(app: Hono<E>, logger: Pick<Logger, 'error'>): Hono<E> =>
  app
    .onError((err, c) => {
      try {
        return onHttpError(err, c);
      } catch {
        logger.error('request failed', { err, path: c.req.path });
        return c.json(errorBody('internal', 'internal error'), 500);
      }
    })
    .notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
