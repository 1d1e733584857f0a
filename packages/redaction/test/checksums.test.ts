import { describe, expect, it } from 'vitest';
import { ibanChecksumValid, luhnValid } from '../src/checksums.ts';

describe('luhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222', '79927398713'])(
    'accepts %s',
    (digits) => expect(luhnValid(digits)).toBe(true),
  );

  it.each(['4111111111111112', '1234567812345678', '79927398710', ''])('rejects %s', (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });
});

describe('ibanChecksumValid', () => {
  it.each([
    'DE89370400440532013000',
    'GB82WEST12345698765432',
    'FR1420041010050500013M02606',
    'NL91ABNA0417164300',
    'gb82west12345698765432',
  ])('accepts %s', (iban) => expect(ibanChecksumValid(iban)).toBe(true));

  it.each(['DE89370400440532013001', 'GB83WEST12345698765432', 'DE89-3704', ''])('rejects %s', (iban) => {
    expect(ibanChecksumValid(iban)).toBe(false);
  });
});
