import { describe, expect, it } from 'vitest';
import { HandoffPacket, type Ticket } from '@triage/contracts';
import { analyzeText, customerText } from '@triage/signals';
import { bugReportOf } from '../src/bug-report.ts';
import { composePacket } from '../src/compose.ts';
import { assessedOf, ticketOf as fixtureTicket } from './fixtures.ts';

const ticketOf = (subject: string, body: string): Ticket => ({
  id: 't-27',
  tenantId: 'acme',
  receivedAt: '2026-11-23T09:30:00.000Z',
  subject,
  body,
  channel: 'api',
  attachments: [],
  customer: { id: 'c-1', tier: 'enterprise', vip: false },
});

const draftFor = (ticket: Ticket) => {
  const text = customerText(ticket);
  return bugReportOf(ticket, text, analyzeText(text));
};

describe('the draft bug report', () => {
  it('drafts the SDK regression from issue 27 for engineering', () => {
    const report = draftFor(
      ticketOf(
        'API 500 errors after upgrading SDK to v3.2.1',
        'Since this morning every POST to https://api.example.com/v1/orders returns HTTP 500 with error code E_SCHEMA_4411. ' +
          'Order id ORD-88213 is stuck. The same call works in 3.1.0, so we rolled back on staging.',
      ),
    );
    expect(report).toEqual({
      symptoms: [
        'API 500 errors after upgrading SDK to v3.2.1',
        'Since this morning every POST to https://api.example.com/v1/orders returns HTTP 500 with error code E_SCHEMA_4411.',
        'Order id ORD-88213 is stuck.',
      ],
      versions: { affected: ['v3.2.1'], working: ['3.1.0'] },
      reproductionHints: [
        'Since this morning every POST to https://api.example.com/v1/orders returns HTTP 500 with error code E_SCHEMA_4411.',
      ],
      firstSeen: { reportedAt: '2026-11-23T09:30:00.000Z', customerSays: 'after upgrading SDK to v3.2.1' },
      errorSignatures: ['E_SCHEMA_4411', 'HTTP 500'],
    });
  });

  it('carries the exception and trace head of a crash', () => {
    const report = draftFor(
      ticketOf(
        'Sync crashes',
        'Steps: open Settings, click Sync now.\nTypeError: Cannot read properties of undefined\n    at sync (app.js:10:5)',
      ),
    );
    expect(report?.errorSignatures).toEqual(['TypeError', 'TypeError: Cannot read properties of undefined']);
    expect(report?.reproductionHints).toEqual(['Steps: open Settings, click Sync now.']);
    expect(report?.firstSeen.customerSays).toBeUndefined();
  });

  it('drafts nothing for a ticket that is not a defect', () => {
    expect(draftFor(ticketOf('Invoice', 'How do I download last month’s invoice as PDF?'))).toBeUndefined();
  });
});

describe('the packet for the human who takes the ticket', () => {
  const NOW = new Date('2025-03-03T09:05:00.000Z');

  it('carries the bug report and the language of a defect, and validates as a routed packet', () => {
    const packet = composePacket(
      assessedOf(
        fixtureTicket({
          subject: 'Export crashes after the update',
          body: 'Since upgrading to 4.2.0 the export crashes every time I click Export. It works in 4.1.3.',
        }),
      ),
      { now: NOW },
    );
    expect(packet.language?.code).toBe('en');
    expect(packet.bugReport?.versions).toEqual({ affected: ['4.2.0'], working: ['4.1.3'] });
    expect(HandoffPacket.parse(packet)).toEqual(packet);
  });

  it('carries no bug report for a question, and the Spanish language of a Spanish ticket', () => {
    const packet = composePacket(
      assessedOf(fixtureTicket({ subject: 'No puedo iniciar sesión', body: 'Me dice que la contraseña es incorrecta, ¿qué hago?' })),
      { now: NOW },
    );
    expect(packet.bugReport).toBeUndefined();
    expect(packet.language?.code).toBe('es');
    expect(packet.evidence).toContain('Product area (from the text): authentication');
  });
});
