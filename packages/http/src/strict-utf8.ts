import { createMiddleware } from 'hono/factory';
import { errorBody } from './http-errors.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Refuses request bodies that are not valid UTF-8. Hono's JSON parsing decodes leniently, turning
 * broken bytes into U+FFFD, so a corrupted ticket would otherwise be stored as if it were text.
 */
export const strictUtf8 = createMiddleware(async (c, next) => {
  if (c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH') {
    let text: string;
    try {
      text = utf8.decode(await c.req.arrayBuffer());
    } catch {
      return c.json(errorBody('invalid_encoding', 'the request body is not valid UTF-8'), 400);
    }
    // `c.req.json()` and `text()` read the cached text when there is one; otherwise they decode the
    // cached bytes again through a web `Response`. Hono keeps promises in this cache, whatever its
    // declared type says.
    c.req.bodyCache.text = Promise.resolve(text) as unknown as string;
  }
  await next();
});
