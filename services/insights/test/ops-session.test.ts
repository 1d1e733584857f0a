import { describe, expect, it } from 'vitest';
import { opsSessions } from '../src/ops/session.ts';

const HOUR = 3_600_000;
const SECRET = 'a-shared-secret-of-32-characters!';

describe('ops sessions', () => {
  it('last their time and not a moment more', () => {
    let now = 0;
    const sessions = opsSessions({ secret: SECRET, ttlMs: 12 * HOUR, now: () => now });
    const session = sessions.issue({ role: 'tenant', tenantId: 'acme' });
    now = 12 * HOUR - 1;
    expect(sessions.read(session)).toEqual({ role: 'tenant', tenantId: 'acme' });
    now = 12 * HOUR;
    expect(sessions.read(session)).toBeUndefined();
  });

  it('are accepted by every instance with the same secret, and by no other', () => {
    const session = opsSessions({ secret: SECRET, ttlMs: HOUR }).issue({ role: 'operator' });
    expect(opsSessions({ secret: SECRET, ttlMs: HOUR }).read(session)).toEqual({ role: 'operator' });
    expect(opsSessions({ secret: `${SECRET}.`, ttlMs: HOUR }).read(session)).toBeUndefined();
    // Unset, each process signs with its own random secret.
    const random = opsSessions({ secret: undefined, ttlMs: HOUR });
    expect(random.read(random.issue({ role: 'operator' }))).toEqual({ role: 'operator' });
    expect(opsSessions({ secret: undefined, ttlMs: HOUR }).read(random.issue({ role: 'operator' }))).toBeUndefined();
  });
});
