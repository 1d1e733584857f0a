import { BlockList, isIP } from 'node:net';

const blockListOf = (v4: string[], v6: string[]): BlockList => {
  const list = new BlockList();
  for (const [type, ranges] of [
    ['ipv4', v4],
    ['ipv6', v6],
  ] as const) {
    for (const range of ranges) {
      const [network = '', prefix = ''] = range.split('/');
      list.addSubnet(network, Number(prefix), type);
    }
  }
  return list;
};

// Never reachable from a webhook, whatever the operator allows: link-local holds the cloud metadata
// service (169.254.169.254; AWS's IPv6 one sits inside unique-local, so it is named here), and the
// rest are not unicast destinations.
const NEVER = blockListOf(
  ['0.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', '240.0.0.0/4'],
  ['::/128', 'fe80::/10', 'ff00::/8', 'fd00:ec2::254/128'],
);

// The operator's own networks: refused unless WEBHOOKS_ALLOW_PRIVATE allows them.
const PRIVATE = blockListOf(
  ['10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '172.16.0.0/12', '192.0.0.0/24', '192.168.0.0/16', '198.18.0.0/15'],
  ['::1/128', 'fc00::/7', '64:ff9b::/96', '2001:db8::/32'],
);

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
const unmapped = (address: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
};

/** Why a webhook may not be sent to this IP address, or undefined when it may. */
export const addressRefusal = (address: string, allowPrivate: boolean): string | undefined => {
  const ip = unmapped(address);
  const type = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(ip) === 0) return `${address} is not an IP address`;
  if (NEVER.check(ip, type)) return `${address} is a link-local, metadata or non-unicast address`;
  if (!allowPrivate && PRIVATE.check(ip, type)) return `${address} is a private or loopback address (WEBHOOKS_ALLOW_PRIVATE is off)`;
  return undefined;
};
