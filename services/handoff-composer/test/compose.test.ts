import { HandoffPacket } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { composePacket } from '../src/compose.ts';
import { assessedOf, categorizationOf, retrievalOf, ticketOf } from './fixtures.ts';

const NOW = new Date('2025-03-03T09:20:00.000Z');

const deflected = ticketOf({
  subject: 'Sync keeps failing',
  body:
    'Hello support,\nThe nightly sync to Salesforce fails with ERR-4012 and HTTP 401 since the 4.2.0 update on Monday. ' +
    'I already reconnected the integration twice. We restarted the connector too. It is blocking our sales team.\nRegards, Dana',
  customer: { name: 'Dana Scully', tier: 'enterprise' },
  affectedUsers: 40,
  productArea: 'integrations',
  attachments: [{ name: 'sync.log', contentType: 'text/plain', sizeBytes: 2_560 }],
  deflection: {
    deflectionId: 'd-1',
    question: 'salesforce sync ERR-4012',
    articlesShown: [{ articleId: 'kb-12', title: 'Fixing ERR-4012 sync failures', score: 0.74 }],
    comment: 'Tried the token reconnect from the article, still failing.',
  },
});

describe('composePacket', () => {
  it('produces a packet that satisfies the contract', () => {
    const packet = composePacket(assessedOf(deflected), { now: NOW });
    expect(HandoffPacket.parse(packet)).toEqual(packet);
  });

  it('summarizes who, what, impact, category and decision in one paragraph', () => {
    const assessed = assessedOf(deflected);
    const { summary } = composePacket(assessed, { now: NOW });
    expect(summary).not.toContain('\n');
    expect(summary).toMatch(
      /^Enterprise customer Dana Scully \(c-7\) wrote via web: "Sync keeps failing"\. The nightly sync to Salesforce fails with ERR-4012/,
    );
    expect(summary).not.toMatch(/Hello support|Regards/);
    expect(summary).toContain('Impact: 40 affected users.');
    expect(summary).toContain('Categorized as integrations (incident, 81% confidence)');
    expect(summary).toContain(`${assessed.escalation.priority}, tier ${assessed.escalation.tier}, queue ${assessed.escalation.queue}`);
  });

  it('prefers a provided model summary', () => {
    expect(composePacket(assessedOf(), { now: NOW, summary: '  Sync fails after token expiry.  ' }).summary).toBe(
      'Sync fails after token expiry.',
    );
    expect(composePacket(assessedOf(), { now: NOW, summary: '' }).summary).toMatch(/^Pro customer c-7/);
  });

  it('lists the evidence the customer gave', () => {
    expect(composePacket(assessedOf(deflected), { now: NOW }).evidence).toEqual([
      'Error code: ERR-4012',
      'HTTP status: 401',
      'Version: 4.2.0',
      'Attachment: sync.log (text/plain, 3 KB)',
      'Affected users: 40',
      'Product area: integrations',
      'Channel: web',
    ]);
  });

  it('takes URLs and the head of a stack trace as evidence', () => {
    const ticket = ticketOf({ body: 'Crash on https://app.example.com/reports.\nTypeError: x is undefined\n    at load (reports.js:4:2)' });
    expect(composePacket(assessedOf(ticket), { now: NOW }).evidence).toEqual(
      expect.arrayContaining(['URL: https://app.example.com/reports', 'Stack trace: TypeError: x is undefined']),
    );
  });

  it('lists what was tried, including what self-service showed', () => {
    expect(composePacket(assessedOf(deflected), { now: NOW }).tried).toEqual([
      'I already reconnected the integration twice.',
      'We restarted the connector too.',
      'Searched self-service for "salesforce sync ERR-4012"',
      'Was shown KB article kb-12 "Fixing ERR-4012 sync failures" in self-service; it did not resolve the issue',
      'Comment after self-service: "Tried the token reconnect from the article, still failing."',
    ]);
  });

  it('lists nothing tried when the customer says nothing about it', () => {
    expect(composePacket(assessedOf(), { now: NOW }).tried).toEqual([]);
  });

  it('phrases a hypothesis from category, symptoms and the best article', () => {
    expect(composePacket(assessedOf(), { now: NOW }).hypothesis).toBe(
      'Hypothesis (unconfirmed): an integrations incident surfacing as ERR-4012; possibly related to "Fixing ERR-4012 sync failures" (weak knowledge-base match).',
    );
  });

  it('discounts the best article when self-service already showed it', () => {
    expect(composePacket(assessedOf(deflected), { now: NOW }).hypothesis).toMatch(
      /"Fixing ERR-4012 sync failures" was already shown to the customer without success, so the cause probably lies elsewhere\.$/,
    );
  });

  it('mentions an outage and an unclear category in the hypothesis', () => {
    const ticket = ticketOf({ body: 'The dashboard is down since 10:00.' });
    const assessed = assessedOf(
      ticket,
      categorizationOf({ category: 'needs-triage', abstained: true, confidence: 0.2 }),
      retrievalOf({ solutions: [], topScore: 0, confidence: 0 }),
    );
    expect(composePacket(assessed, { now: NOW }).hypothesis).toBe(
      'Hypothesis (unconfirmed): an issue of unclear category affecting availability (dashboard is down).',
    );
  });

  it('asks only what is missing', () => {
    const vague = ticketOf({ subject: 'Broken', body: 'The report page does not work for me. Please help.' });
    expect(composePacket(assessedOf(vague), { now: NOW }).openQuestions).toEqual([
      'What exact error message or code does the customer see?',
      'What are the steps to reproduce it?',
      'How many users are affected: only this user, a team, or everyone?',
      'Which product area or feature is involved?',
      'Since when has this been happening, and did anything change just before?',
    ]);
    expect(composePacket(assessedOf(deflected), { now: NOW }).openQuestions).toEqual(['What are the steps to reproduce it?']);
  });

  it('asks an incident’s questions only of incidents', () => {
    const howTo = ticketOf({ subject: 'CSV export', body: 'How do I export my invoices as CSV?' });
    expect(composePacket(assessedOf(howTo, categorizationOf({ kind: 'service_request' })), { now: NOW }).openQuestions).toEqual([]);
  });

  it('describes the customer’s mood', () => {
    const angry = ticketOf({ body: 'This is the third time I write about ERR-4012. Still not fixed. Unacceptable!!!' });
    expect(composePacket(assessedOf(angry), { now: NOW }).customerSentiment).toMatch(
      /^Frustrated \(score -0\.\d+, lexicon\); repeat contact: the customer says they asked before$/,
    );
    expect(composePacket(assessedOf(), { now: NOW }).customerSentiment).toMatch(/^Positive \(score 0\.\d+, lexicon\)$/);
  });

  it('runs the SLA clock from now', () => {
    const assessed = assessedOf(deflected);
    const { slaClock } = composePacket(assessed, { now: NOW });
    expect(slaClock).toMatchObject(assessed.escalation.sla);
    const expected = Math.floor((Date.parse(assessed.escalation.sla.firstResponseDueAt) - NOW.getTime()) / 60_000);
    expect(slaClock.minutesToFirstResponse).toBe(expected);
    const late = composePacket(assessed, { now: new Date(Date.parse(assessed.escalation.sla.firstResponseDueAt) + 90_000) });
    expect(late.slaClock.minutesToFirstResponse).toBe(-2);
  });

  it('suggests the retrieved solutions', () => {
    const assessed = assessedOf();
    expect(composePacket(assessed, { now: NOW }).suggestedArticles).toEqual(assessed.retrieval.solutions);
  });
});

describe('the text analysis on the assessed event', () => {
  it('is what the packet quotes: the composer does not read the text again', () => {
    const assessed = assessedOf();
    const carried = {
      ...assessed,
      textAnalysis: {
        signals: {
          ...assessed.textAnalysis!.signals,
          outage: ['carried outage'],
          broadScope: ['everyone carried'],
          urgent: [],
          repeatContact: false,
          instructionLike: false,
        },
        entities: { ...assessed.textAnalysis!.entities, errorCodes: [{ value: 'CARRIED-1', start: 0, end: 9 }], httpStatuses: [] },
      },
    };
    const packet = composePacket(carried, { now: NOW });
    expect(packet.evidence.filter((line) => line.startsWith('Error code'))).toEqual(['Error code: CARRIED-1']);
    expect(packet.hypothesis).toMatch(/affecting availability \(carried outage\) surfacing as CARRIED-1;/);
    // The text names no scope, but the carried analysis does: the question is not asked.
    expect(composePacket(assessed, { now: NOW }).openQuestions).toContain(
      'How many users are affected: only this user, a team, or everyone?',
    );
    expect(packet.openQuestions).not.toContain('How many users are affected: only this user, a team, or everyone?');
  });

  it('is read from the text when an older escalator sent none', () => {
    const { textAnalysis, ...older } = assessedOf(deflected);
    expect(textAnalysis?.entities.errorCodes.map((c) => c.value)).toEqual(['ERR-4012']);
    expect(composePacket(older, { now: NOW })).toEqual(composePacket(assessedOf(deflected), { now: NOW }));
  });
});
