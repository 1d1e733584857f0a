import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';

describe('IBANs', () => {
  it.each([
    ['refund to DE89 3704 0044 0532 0130 00 please', 'refund to [IBAN] please'],
    ['GB82WEST12345698765432', '[IBAN]'],
    ['iban: fr14 2004 1010 0505 0001 3M02 606.', 'iban: [IBAN].'],
    ['NL91ABNA0417164300 and BE68 5390 0754 7034 DE89370400440532013000', '[IBAN] and [IBAN] [IBAN]'],
    ['DE89 3704 0044 0532 0130 00 thanks', '[IBAN] thanks'],
  ])('redacts %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each([
    'DE89 3704 0044 0532 0130 01',
    'GB83WEST12345698765432',
    'XX89370400440532013000',
    'model AB12 CDEF GHIJ KLMN OP',
    'DE8937040044053201300',
  ])('keeps %j (bad check digits, unknown country or wrong length)', (input) => expect(redact(input)).toBe(input));
});
