import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

const COOKIE = 'triage_ops_session';
const PATH = '/ops';

// Behind a proxy that ends TLS the request arrives as http; its X-Forwarded-Proto says how the
// browser connected. Trusting it can only add the Secure flag, never take it away from an https client.
const overHttps = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export const sessionCookie = {
  read: (c: Context) => getCookie(c, COOKIE),
  set: (c: Context, session: string, maxAgeMs: number) =>
    setCookie(c, COOKIE, session, {
      path: PATH,
      httpOnly: true,
      secure: overHttps(c),
      // Strict: no other site can make the browser send it, so the page's forms need no CSRF token of their own.
      sameSite: 'Strict',
      maxAge: Math.floor(maxAgeMs / 1000),
    }),
  clear: (c: Context) => deleteCookie(c, COOKIE, { path: PATH, secure: overHttps(c) }),
};
