import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { bodyLimit, pageSecurityHeaders } from '@triage/http';
import type { OpsSessions } from './session.ts';
import { sessionCookie } from './session-cookie.ts';
import { signInPage } from './sign-in-page.ts';
import type { Viewer } from './viewer.ts';

export interface SignInDeps {
  viewerOf: (authorization: string) => Promise<Viewer | undefined>;
  sessions: OpsSessions;
}

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * How a browser, which cannot add a bearer header to a typed URL, opens `/ops`: it posts the key once
 * (`POST /ops/sign-in`) or follows a sign-in link carrying a signed session (`GET /ops/sign-in`), and
 * keeps the session, never the key, in an HttpOnly cookie. `POST /ops/sign-out` drops it.
 */
export const signInRoutes = (deps: SignInDeps) => {
  const keep = (c: Context, session: string) => {
    sessionCookie.set(c, session, deps.sessions.ttlMs);
    return c.redirect('/ops', 303);
  };
  const again = (c: Context, problem: string) => c.html(signInPage(c.get('secureHeadersNonce'), problem), 401, NO_STORE);
  return (
    new Hono()
      // The form's origin is checked too: a login from another site would sign the browser in as someone else.
      .post('/ops/sign-in', pageSecurityHeaders, bodyLimit({ maxSize: 4096 }), csrf(), async (c) => {
        const form = await c.req.parseBody();
        const key = typeof form.key === 'string' ? form.key.trim() : '';
        const viewer = key ? await deps.viewerOf(`Bearer ${key}`) : undefined;
        return viewer ? keep(c, deps.sessions.issue(viewer)) : again(c, 'That key opens nothing here.');
      })
      // The link `npm start` prints: the session is signed already, so no key ever travels in a URL.
      .get('/ops/sign-in', pageSecurityHeaders, (c) => {
        const session = c.req.query('session');
        return deps.sessions.read(session) ? keep(c, session!) : again(c, 'That sign-in link has expired: sign in with the key.');
      })
      .post('/ops/sign-out', csrf(), (c) => {
        sessionCookie.clear(c);
        return c.redirect('/ops', 303);
      })
  );
};

/** The path of a sign-in link for `session`. */
export const signInPath = (session: string) => `/ops/sign-in?session=${encodeURIComponent(session)}`;
