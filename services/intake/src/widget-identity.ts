import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Customer } from '@triage/contracts';
import type { Store } from '@triage/store';

/** What the host page says about its signed-in user: the id and the hex HMAC-SHA256 its server made of it. */
export interface IdentityClaim {
  userId?: string | undefined;
  userHash?: string | undefined;
}

const signedBy = (secret: string, userId: string, userHash: string): boolean => {
  const expected = createHmac('sha256', secret).update(userId).digest();
  const given = Buffer.from(userHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * Who a widget ticket is from. Anyone can post to the widget's endpoints with its public key, so
 * nothing the page sends sets a tier or VIP flag: a user id signed with the tenant's identity secret
 * is looked up in the tenant's customer records (a customer without one is free, not VIP), and
 * anything else is an anonymous free customer named after the deflection.
 */
export const widgetCustomer = async (
  store: Store,
  tenantId: string,
  claim: IdentityClaim,
  anonymousId: string,
): Promise<Pick<Customer, 'id' | 'tier' | 'vip'>> => {
  const { userId, userHash } = claim;
  const secret = userId && userHash ? await store.tenants.identitySecret(tenantId) : null;
  if (!userId || !userHash || !secret || !signedBy(secret, userId, userHash)) return { id: anonymousId, tier: 'free', vip: false };
  const record = await store.customers.get(tenantId, userId);
  return { id: userId, tier: record?.tier ?? 'free', vip: record?.vip ?? false };
};
