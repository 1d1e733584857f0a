import type { RtTicket } from '@triage/store';
import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../src/language.ts';
import { type RtTransaction, reportOf } from '../src/transactions.ts';

const ticket: RtTicket = {
  tenantId: 'acme',
  ticketId: 't-1',
  state: 'created',
  rtId: 7,
  queue: 'tier1-billing',
  tier: 1,
  requester: 'jo@example.com',
  firstResponded: false,
};
const names = { user: async (id: string) => (id === '6' ? 'Nobody' : `agent-${id}`), queue: async (id: string) => `queue-${id}` };
const tx = (over: Partial<RtTransaction>): RtTransaction => ({
  id: '42',
  Type: 'Correspond',
  Created: '2026-01-02T03:04:05Z',
  Creator: { id: 'sam' },
  ObjectId: '7',
  ...over,
});

describe('RT transactions as lifecycle reports', () => {
  it("reports an agent's first reply once, with the transaction's id, and the customer's as a reply", async () => {
    expect(await reportOf(tx({}), ticket, names)).toEqual({
      type: 'first_response',
      id: 'rt-42',
      occurredAt: '2026-01-02T03:04:05Z',
      agent: 'sam',
    });
    expect(await reportOf(tx({}), { ...ticket, firstResponded: true }, names)).toBeUndefined();
    expect(await reportOf(tx({ Creator: { id: 'jo@example.com' } }), ticket, names)).toMatchObject({ type: 'customer_replied' });
  });

  it('maps owner and queue changes to assigned and escalated, and skips an owner set back to Nobody', async () => {
    expect(await reportOf(tx({ Type: 'Set', Field: 'Owner', NewValue: '14' }), ticket, names)).toMatchObject({
      type: 'assigned',
      agent: 'agent-14',
      queue: 'tier1-billing',
      tier: 1,
    });
    expect(await reportOf(tx({ Type: 'Set', Field: 'Owner', NewValue: '6' }), ticket, names)).toBeUndefined();
    expect(await reportOf(tx({ Type: 'Set', Field: 'Queue', NewValue: '3' }), ticket, names)).toMatchObject({
      type: 'escalated',
      to: { team: 'queue-3' },
      by: 'sam',
    });
  });

  it('maps status changes: resolved, reopened, stalled and back; RT opening a new ticket is nothing', async () => {
    const status = (from: string, to: string) =>
      reportOf(tx({ Type: 'Status', Field: 'Status', OldValue: from, NewValue: to }), ticket, names);
    expect(await status('open', 'resolved')).toMatchObject({ type: 'resolved', resolvingTier: 1 });
    expect(await status('resolved', 'open')).toMatchObject({ type: 'reopened' });
    expect(await status('open', 'stalled')).toMatchObject({ type: 'pending_customer' });
    expect(await status('stalled', 'open')).toMatchObject({ type: 'resumed' });
    expect(await status('new', 'open')).toBeUndefined();
  });
});

describe('language guess', () => {
  it('tells English, German and French apart and leaves too little text undetermined', () => {
    expect(guessLanguage('The export is not working and we have to send it today')).toBe('en');
    expect(guessLanguage('Der Export funktioniert nicht und wir brauchen die Rechnungen')).toBe('de');
    expect(guessLanguage('Je ne peux pas exporter les factures et nous avons un audit')).toBe('fr');
    expect(guessLanguage('Checkout 502')).toBe('und');
  });
});
