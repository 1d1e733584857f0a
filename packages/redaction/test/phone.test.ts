import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';

describe('phone numbers', () => {
  it.each([
    ['Call +44 20 7946 0958 please', 'Call [PHONE] please'],
    ['+1-415-555-0132', '[PHONE]'],
    ['+4915112345678', '[PHONE]'],
    ['+44 (0)20 7946 0958', '[PHONE]'],
    ['0049 30 12345678', '[PHONE]'],
    ['(415) 555-0132', '[PHONE]'],
    ['415-555-0132', '[PHONE]'],
    ['415.555.0132', '[PHONE]'],
    ['1-800-555-0199', '[PHONE]'],
    ['030 1234 5678', '[PHONE]'],
    ['07700 900123', '[PHONE]'],
    ['01 23 45 67 89', '[PHONE]'],
    ['reach me (0123 456 789) after 5', 'reach me ([PHONE]) after 5'],
    ['phone: 4155550132', 'phone: [PHONE]'],
    ['call me on 555-0132', 'call me on [PHONE]'],
    ['my mobile number is 07700900123.', 'my mobile number is [PHONE].'],
    ['?tel=+4915112345678&x=1', '?tel=[PHONE]&x=1'],
    ['Call the client on 0123 456 789', 'Call the client on [PHONE]'],
  ])('redacts %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    'upgraded to version 10.2.3 and build 2024.01.15.1',
    'happened on 2024-01-15 at 10:30:00, again 15.01.2024 and 01/15/2024',
    'timestamp 2024-01-15T10:30:00.123Z',
    'order 555-123-4567 and invoice no. 0123 456 789',
    'ticket #12345678901 and case 4155550132',
    'ORD-2024-000123 and INC0012345',
    'HTTP 503 after 30000 ms, retry 3 of 5',
    'error 0x80070005 and code 8007-0005',
    'reference 4155550132',
    'epoch 1700000000 and 1700000000123',
    'total 1 234 567 units',
    'kb 5034441 and 5034 441',
    'hexdump <Buffer 00 00 00 00 00>',
  ])('keeps %j', (input) => expect(redact(input)).toBe(input));
});
