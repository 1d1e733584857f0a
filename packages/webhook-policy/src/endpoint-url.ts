import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { addressRefusal } from './addresses.ts';

/** An endpoint URL refused before anything is sent to it. */
export class WebhookUrlRefused extends Error {
  constructor(url: string, reason: string) {
    super(`webhook URL ${url} refused: ${reason}`);
    this.name = 'WebhookUrlRefused';
  }
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** The URL's own form: scheme, no credentials. Says nothing of where its host resolves. */
const formRefusal = (url: URL, allowPrivate: boolean): string | undefined => {
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    return allowPrivate ? 'only http and https are allowed' : 'only https is allowed (WEBHOOKS_ALLOW_PRIVATE is off)';
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  return undefined;
};

/**
 * Checks an endpoint at registration: its form and every address its host resolves to now. The
 * delivery checks again on each connection (`guardedLookup`), since DNS can change after this.
 */
export const checkEndpointUrl = async (raw: string, allowPrivate: boolean): Promise<URL> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused(raw, 'not a URL');
  }
  const refusal = formRefusal(url, allowPrivate);
  if (refusal) throw new WebhookUrlRefused(raw, refusal);
  const host = hostOf(url);
  const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true }).catch(() => []);
  if (addresses.length === 0) throw new WebhookUrlRefused(raw, `${host} does not resolve`);
  for (const { address } of addresses) {
    const why = addressRefusal(address, allowPrivate);
    if (why) throw new WebhookUrlRefused(raw, why);
  }
  return url;
};

/** The check of a URL literal's own host, which a connection never looks up. */
export const literalHostRefusal = (url: URL, allowPrivate: boolean): string | undefined => {
  const form = formRefusal(url, allowPrivate);
  if (form) return form;
  const host = hostOf(url);
  return isIP(host) ? addressRefusal(host, allowPrivate) : undefined;
};

/**
 * A DNS lookup for the connection itself: the address it connects to is the one checked, so a
 * name that resolves to a public address at registration and a private one later (DNS rebinding)
 * is refused at delivery.
 */
export const guardedLookup =
  (allowPrivate: boolean): LookupFunction =>
  (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = found.map((a) => addressRefusal(a.address, allowPrivate)).find(Boolean);
      if (refused || found.length === 0) return callback(new WebhookUrlRefused(hostname, refused ?? 'no address'), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, found);
      const first = found[0]!;
      callback(null, first.address, first.family);
    });
  };
