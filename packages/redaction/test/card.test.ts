import { describe, expect, it } from 'vitest';
import { luhnValid } from '../src/checksums.ts';
import { redact } from '../src/index.ts';

describe('payment cards', () => {
  it.each([
    ['card 4111 1111 1111 1111 declined', 'card [CARD] declined'],
    ['5555-5555-5555-4444', '[CARD]'],
    ['amex 378282246310005.', 'amex [CARD].'],
    ['6011111111111117', '[CARD]'],
    ['4222222222222', '[CARD]'],
    ['visa:4111111111111111,', 'visa:[CARD],'],
  ])('redacts Luhn-valid %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    'card 4111 1111 1111 1112 declined',
    '1234 5678 9012 3456',
    '4111111111111111111111',
    '41111111111111110',
    'ms timestamp 1700000000127',
    'id 0000000000000000',
    'metric{code="400"} 3 1395066363000',
    '41 1111 1111 1111 11',
  ])('keeps %j', (input) => expect(redact(input)).toBe(input));

  it('redacts a 16-digit number only when its check digit is the Luhn one', () => {
    for (let i = 0; i < 20; i++) {
      const body = `4${String(100_000_000_000_00 + i * 7_919_113).padStart(14, '0')}`;
      const digits = Array.from({ length: 10 }, (_, d) => `${body}${d}`);
      const redacted = digits.filter((number) => redact(`pay ${number}`) === 'pay [CARD]');
      expect(redacted).toHaveLength(1);
      expect(luhnValid(redacted[0] ?? '')).toBe(true);
    }
  });
});
