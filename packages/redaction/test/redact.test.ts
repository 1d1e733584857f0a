import { describe, expect, it } from 'vitest';
import { findPii, redact, redactDeep } from '../src/index.ts';

const TICKET = [
  'Hi, I am Jane (jane.doe@acme.io, +44 20 7946 0958).',
  'Our VPN to 10.20.30.40 drops since client version 5.1.2.3; error 0x80070005, HTTP 503.',
  'Charge on card 4111-1111-1111-1111 failed, refund to DE89 3704 0044 0532 0130 00.',
  'Config: api_key=sk-live-9aZ8bY7cX6dW5eV4fU3g, ticket INC0012345 opened 2024-01-15 10:30.',
].join('\n');

describe('findPii', () => {
  it('reports each finding with its kind and exact range', () => {
    const found = findPii(TICKET).map(({ kind, start, end }) => [kind, TICKET.slice(start, end)]);
    expect(found).toEqual([
      ['email', 'jane.doe@acme.io'],
      ['phone', '+44 20 7946 0958'],
      ['ip', '10.20.30.40'],
      ['card', '4111-1111-1111-1111'],
      ['iban', 'DE89 3704 0044 0532 0130 00'],
      ['secret', 'sk-live-9aZ8bY7cX6dW5eV4fU3g'],
    ]);
  });

  it('merges overlapping findings into their union, keeping the more sensitive kind', () => {
    const text = 'password=4111111111111111@example.com';
    expect(findPii(text)).toEqual([{ kind: 'secret', start: 9, end: text.length }]);
  });

  it('finds nothing in plain support text', () => {
    expect(findPii('Printer on floor 3 shows error 49.4C02 after update 22H2; tried restarting twice.')).toEqual([]);
  });
});

describe('redact', () => {
  it('replaces every finding with its typed placeholder and keeps the rest', () => {
    expect(redact(TICKET)).toBe(
      [
        'Hi, I am Jane ([EMAIL], [PHONE]).',
        'Our VPN to [IP] drops since client version 5.1.2.3; error 0x80070005, HTTP 503.',
        'Charge on card [CARD] failed, refund to [IBAN].',
        'Config: api_key=[SECRET], ticket INC0012345 opened 2024-01-15 10:30.',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = redact(`${TICKET}\npassword="hunter2" token=abc Bearer abc123def456`);
    expect(redact(once)).toBe(once);
  });

  it('returns text without PII unchanged', () => {
    expect(redact('')).toBe('');
    expect(redact('Excel crashes on start since KB5034441')).toBe('Excel crashes on start since KB5034441');
  });
});

describe('redactDeep', () => {
  it('redacts every string in nested objects and arrays and masks credential fields whole', () => {
    const payload = {
      msg: 'login failed for bob@example.com',
      attempts: 3,
      ok: false,
      nothing: null,
      user: { password: 'hunter2', apiKey: 'plainword', pin: 1234, tags: ['from 192.168.0.7', 'vip'] },
      headers: { Authorization: 'Bearer abc123def456', 'content-type': 'application/json' },
    };
    expect(redactDeep(payload)).toEqual({
      msg: 'login failed for [EMAIL]',
      attempts: 3,
      ok: false,
      nothing: null,
      user: { password: '[SECRET]', apiKey: '[SECRET]', pin: 1234, tags: ['from [IP]', 'vip'] },
      headers: { Authorization: '[SECRET]', 'content-type': 'application/json' },
    });
  });

  it('leaves the input untouched and copes with cycles', () => {
    const node: Record<string, unknown> = { email: 'a@b.io' };
    node.self = node;
    const out = redactDeep(node) as Record<string, unknown>;
    expect(node.email).toBe('a@b.io');
    expect(out.email).toBe('[EMAIL]');
    expect(out.self).toBe(out);
  });

  it('redacts a top-level string and passes other values through', () => {
    const when = new Date(0);
    expect(redactDeep('call +1 415 555 0132')).toBe('call [PHONE]');
    expect(redactDeep(42)).toBe(42);
    expect(redactDeep(when)).toBe(when);
  });
});

describe('large and adversarial input', () => {
  const MB = 1 << 20;
  const tail = ' reach me at jane@acme.io';

  it.each([
    ['word characters', 'a'],
    ['digits', '1'],
    ['spaced digits', '1 '],
    ['dotted digits', '1.'],
    ['dashed words', 'sk-'],
    ['at signs', 'a@'],
    ['dotted labels', 'a.'],
    ['colons', 'a:'],
    ['base64', 'Ab1+'],
    ['key-value', 'password_'],
    ['bearer', 'Bearer '],
    ['pem', '-----BEGIN PRIVATE KEY-----'],
    ['phone prefixes', '+1 '],
    ['bracketed digits', '(1) '],
    ['card groups', '4111 '],
    ['iban groups', 'DE89 '],
    ['jwt heads', 'eyJaaaaaaaaa.'],
    ['url credentials', 'postgres://a:'],
  ])('handles 1 MB of %s in linear time', (_name, unit) => {
    const text = unit.repeat(Math.ceil(MB / unit.length)) + tail;
    const out = redact(text);
    expect(out.endsWith(' reach me at [EMAIL]')).toBe(true);
  });

  it('redacts every finding in 1 MB of realistic tickets', () => {
    const copies = Math.ceil(MB / TICKET.length);
    const out = redact(`${TICKET}\n`.repeat(copies));
    expect(out.match(/\[EMAIL\]/g)).toHaveLength(copies);
    expect(out.match(/\[CARD\]/g)).toHaveLength(copies);
    expect(out.match(/\[SECRET\]/g)).toHaveLength(copies);
  });
});
