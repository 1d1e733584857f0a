import { describe, expect, it } from 'vitest';
import { addressRefusal, checkEndpointUrl, guardedLookup } from '../src/index.ts';

const lookupOf = (allowPrivate: boolean, host: string) =>
  new Promise<string>((resolve, reject) =>
    guardedLookup(allowPrivate)(host, { family: 4 }, (error, address) => (error ? reject(error) : resolve(String(address)))),
  );

describe('webhook endpoint addresses', () => {
  it('refuses private, loopback, link-local and metadata addresses, and IPv4 written as IPv6', () => {
    for (const ip of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.0.1', '100.64.0.1', '::1', 'fd12::1', '::ffff:127.0.0.1'])
      expect(addressRefusal(ip, false)).toContain('private or loopback');
    for (const ip of ['169.254.169.254', 'fe80::1', 'fd00:ec2::254', '0.0.0.0', '::']) {
      expect(addressRefusal(ip, false)).toContain('link-local');
      expect(addressRefusal(ip, true)).toContain('link-local');
    }
    expect(addressRefusal('93.184.215.14', false)).toBeUndefined();
    expect(addressRefusal('2606:4700::1111', false)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', true)).toBeUndefined();
  });

  it('checks at registration what a name resolves to, and the scheme', async () => {
    await expect(checkEndpointUrl('https://localhost:8443/hook', false)).rejects.toThrow('private or loopback');
    await expect(checkEndpointUrl('http://127.0.0.1:8080/hook', false)).rejects.toThrow('only https');
    await expect(checkEndpointUrl('ftp://127.0.0.1/hook', true)).rejects.toThrow('only http and https');
    await expect(checkEndpointUrl('not a url', true)).rejects.toThrow('not a URL');
    expect((await checkEndpointUrl('http://127.0.0.1:8080/hook', true)).port).toBe('8080');
  });

  it('checks again on every connection, so a name turned private since registration is refused (DNS rebinding)', async () => {
    await expect(lookupOf(false, 'localhost')).rejects.toThrow('private or loopback');
    expect(await lookupOf(true, 'localhost')).toBe('127.0.0.1');
  });
});
