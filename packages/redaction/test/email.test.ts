import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';

describe('emails', () => {
  it.each([
    ['contact john.doe@example.com today', 'contact [EMAIL] today'],
    ['JANE+billing@Sub.Example.co.uk.', '[EMAIL].'],
    ['obrien_x-y%z@mail-server.io, thanks', '[EMAIL], thanks'],
    ["email: 'john@example.com'", "email: '[EMAIL]'"],
    ['<a.b@c.de>', '<[EMAIL]>'],
    ['mailto:help@acme.org', 'mailto:[EMAIL]'],
  ])('redacts %j', (input, expected) => expect(redact(input)).toBe(expected));

  it.each(['upgrade react@18.2.0 then lodash@4.17.21', 'ssh admin@localhost', 'ping @channel about the outage', 'price is 5 @ 10.00 each'])(
    'keeps %j',
    (input) => expect(redact(input)).toBe(input),
  );
});
