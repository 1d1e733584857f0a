import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';

describe('IP addresses', () => {
  it.each([
    ['cannot reach 192.168.1.20 from the office', 'cannot reach [IP] from the office'],
    ['http://10.0.0.1:8080/health', 'http://[IP]:8080/health'],
    ['server 10.2.3.4.', 'server [IP].'],
    ['client 10.0.0.5 cannot connect', 'client [IP] cannot connect'],
    ['gateway 2001:db8::8a2e:370:7334 down', 'gateway [IP] down'],
    ['[fe80::1]:443', '[[IP]]:443'],
    ['::ffff:192.0.2.128', '[IP]'],
  ])('redacts %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    'updated to version 10.2.3.4',
    'v1.2.3.4 and build 10.0.19045.3693',
    'Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36',
    'semver 1.2.3.4.5',
    'out of range 256.1.1.1 and 1.2.3.999',
    'at 10:30:45 and 2024-01-15T10:30:00Z',
    'mac 00:1A:2B:3C:4D:5E and std::vector',
    'loopback 127.0.0.1:5432, ::1 and bind 0.0.0.0',
  ])('keeps %j', (input) => expect(redact(input)).toBe(input));
});
