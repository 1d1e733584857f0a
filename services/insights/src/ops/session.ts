import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Viewer } from './viewer.ts';

export interface OpsSessionOptions {
  /** Signs the sessions; unset, a random one per process, so a restart signs everyone out. */
  secret: string | undefined;
  ttlMs: number;
  now?: () => number;
}

export interface OpsSessions {
  /** How long a session lasts from its issue. */
  ttlMs: number;
  /** A signed, expiring session for `viewer`: what the cookie and a sign-in link carry instead of the key. */
  issue(viewer: Viewer): string;
  /** The viewer of a session this process (or one with the same secret) issued and that has not expired. */
  read(session: string | undefined): Viewer | undefined;
}

const Payload = z.object({
  viewer: z.discriminatedUnion('role', [
    z.object({ role: z.literal('operator') }),
    z.object({ role: z.literal('tenant'), tenantId: z.string() }),
  ]),
  expiresAt: z.number(),
});

/**
 * Stateless sessions, `<payload>.<HMAC-SHA256>` in base64url: nothing to store, and instances that
 * share the secret accept each other's. The price: a session outlives a key deleted after sign-in
 * until it expires.
 */
export const opsSessions = (options: OpsSessionOptions): OpsSessions => {
  const secret = options.secret ?? randomBytes(32).toString('base64');
  const now = options.now ?? Date.now;
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest();
  return {
    ttlMs: options.ttlMs,
    issue(viewer) {
      const payload = Buffer.from(JSON.stringify({ viewer, expiresAt: now() + options.ttlMs })).toString('base64url');
      return `${payload}.${sign(payload).toString('base64url')}`;
    },
    read(session) {
      const [payload, mac, extra] = (session ?? '').split('.');
      if (!payload || !mac || extra !== undefined) return undefined;
      const given = Buffer.from(mac, 'base64url');
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const parsed = Payload.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
      return parsed.success && parsed.data.expiresAt > now() ? parsed.data.viewer : undefined;
    },
  };
};
