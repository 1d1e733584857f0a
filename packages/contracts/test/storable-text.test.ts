import { describe, expect, it } from 'vitest';
import { storableText, TicketSubmission } from '../src/index.ts';

const submission = {
  subject: 'VPN drops',
  body: 'The VPN disconnects every ten minutes.',
  channel: 'email',
  customer: { id: 'c-1', tier: 'pro', name: 'Kim' },
  productArea: 'network',
  attachments: [{ name: 'log.txt', contentType: 'text/plain', sizeBytes: 10 }],
};

const issuesOf = (body: unknown) => TicketSubmission.safeParse(body).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('storableText', () => {
  it('keeps ordinary text, paired surrogates (emoji) included', () => {
    expect(storableText().parse('Löschen 😀 已')).toBe('Löschen 😀 已');
  });

  it.each([
    ['a NUL character', 'a\u0000b', /NUL character/],
    ['a lone high surrogate', 'x\ud800', /unpaired UTF-16 surrogate/],
    ['a lone low surrogate', '\udc00x', /unpaired UTF-16 surrogate/],
    ['a reversed pair', '\ude00\ud83d', /unpaired UTF-16 surrogate/],
  ])('refuses %s', (_name, text, message) => {
    expect(storableText().safeParse(text).error?.issues[0]?.message).toMatch(message);
  });

  it.each([
    ['subject'],
    ['body'],
    ['customer.id'],
    ['customer.name'],
    ['productArea'],
    ['attachments.0.name'],
    ['attachments.0.contentType'],
  ])('names %s in a ticket submission when it holds text PostgreSQL cannot store', (path) => {
    for (const bad of ['\u0000', 'ok\ud800']) {
      const body = structuredClone(submission) as Record<string, unknown>;
      const keys = path.split('.');
      const parent = keys.slice(0, -1).reduce((node: Record<string, unknown>, key) => node[key] as Record<string, unknown>, body);
      parent[keys.at(-1)!] = bad;
      expect(issuesOf(body)).toEqual([[path, expect.stringMatching(/cannot be stored|not Unicode text/)]]);
    }
  });
});
