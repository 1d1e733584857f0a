import { BlockList, isIPv4, isIP } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import type { ApiEnv } from './env.ts';

/** An address (`10.0.0.7`, `::1`) or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
const isAddressOrRange = (entry: string): boolean => {
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};

export const ClientAddressConfig = z.object({
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(isAddressOrRange, 'expected IP addresses or CIDR ranges, comma-separated')))
    .describe(
      "Reverse proxies (IP addresses or CIDR ranges) whose X-Forwarded-For is believed; unset, the socket's peer is the client. Per-client limits key on that address.",
    ),
});
export type ClientAddressConfig = z.infer<typeof ClientAddressConfig>;

// An IPv4 peer of a dual-stack socket reads `::ffff:a.b.c.d`: one client, one spelling.
const plain = (address: string): string => {
  const mapped = /^::ffff:(.+)$/i.exec(address)?.[1];
  return mapped && isIPv4(mapped) ? mapped : address;
};

const familyOf = (address: string) => (isIPv4(address) ? 'ipv4' : 'ipv6');

/** Requests that did not come through a Node socket (`app.request` in tests) share this address. */
const UNKNOWN = 'unknown';

const socketAddress = (c: Context): string | undefined =>
  (c.env as Partial<HttpBindings> | undefined)?.incoming ? getConnInfo(c).remote.address : undefined;

/**
 * Sets `clientIp`: the socket's peer, unless that peer is a trusted proxy; then the nearest
 * X-Forwarded-For hop that is not one of them. Hops further left are whatever the client wrote, so
 * they are never believed: a client cannot name itself someone else to dodge its limit.
 */
export const clientAddress = (trustedProxies: string[]) => {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', bits] = entry.split('/');
    if (bits === undefined) trusted.addAddress(address, familyOf(address));
    else trusted.addSubnet(address, Number(bits), familyOf(address));
  }
  const isTrusted = (address: string) => isIP(address) !== 0 && trusted.check(address, familyOf(address));
  return createMiddleware<ApiEnv>(async (c, next) => {
    const peer = socketAddress(c);
    let client = peer === undefined ? UNKNOWN : plain(peer);
    if (isTrusted(client)) {
      const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => plain(hop.trim()));
      while (hops.length > 0 && isTrusted(client)) client = hops.pop() || client;
    }
    c.set('clientIp', client);
    await next();
  });
};
