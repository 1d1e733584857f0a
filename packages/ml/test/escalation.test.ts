import { describe, expect, it } from 'vitest';
import { fitEscalation, fitEscalationOffThread, loadEscalation, predictEscalation, seededRandom } from '@triage/ml';
import type { EscalationExample, Urgency } from '@triage/ml';

const random = seededRandom(5);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
const filler = ['the', 'report', 'page', 'button', 'export', 'login', 'invoice', 'screen', 'sync', 'upload'];
const sentence = () => Array.from({ length: 8 }, () => pick(filler)).join(' ');

describe('escalation model', () => {
  // Words say little here; whether the customer is a VIP decides most of the urgency.
  const examples: EscalationExample[] = Array.from({ length: 240 }, (_, i) => {
    const vip = i % 4 === 0 ? 1 : 0;
    const urgency: Urgency = vip ? (random() < 0.8 ? 'high' : 'medium') : random() < 0.1 ? 'high' : random() < 0.6 ? 'medium' : 'low';
    return { text: `${sentence()}${urgency === 'low' ? ' typo' : ''}`, urgency, structured: { vip, recentTickets: Math.log1p(i % 3) } };
  });
  const state = fitEscalation(examples, { grid: [1, 10] });
  const model = loadEscalation(JSON.parse(JSON.stringify(state)));

  it("fits the same model on a worker thread, and passes the fit's refusal back", async () => {
    const offThread = await fitEscalationOffThread(examples, { grid: [1, 10] });
    const withoutTime = (fitted: typeof state) => ({ ...fitted, report: { ...fitted.report, trainSeconds: 0 } });
    expect(withoutTime(offThread)).toEqual(withoutTime(state));
    await expect(fitEscalationOffThread(examples.slice(0, 3))).rejects.toThrow(/at least two examples of each urgency/);
  });

  it('lets a structured feature move P(high), and names it among the contributions', () => {
    const text = 'the export page shows the report';
    const vip = predictEscalation(model, { text, structured: { vip: 1, recentTickets: 0 } });
    const regular = predictEscalation(model, { text, structured: { vip: 0, recentTickets: 0 } });
    expect(vip.probabilities.high).toBeGreaterThan(regular.probabilities.high + 0.3);
    expect(vip.urgency).toBe('high');
    expect(vip.contributions[0]).toMatchObject({ feature: 'vip' });
    expect(vip.contributions[0]!.logOdds).toBeGreaterThan(0);
    // A feature the ticket lacks counts as its training mean: between the two.
    const unknown = predictEscalation(model, { text }).probabilities.high;
    expect(unknown).toBeGreaterThan(regular.probabilities.high);
    expect(unknown).toBeLessThan(vip.probabilities.high);
  });

  it('treats a column that never varies as carrying no evidence, despite rounding', () => {
    // log1p(1) summed 240 times and divided leaves a variance of about 1e-32, not 0.
    const constant = examples.map((example) => ({ ...example, structured: { ...example.structured, users: Math.log1p(1) } }));
    const fitted = loadEscalation(fitEscalation(constant, { grid: [1, 10] }));
    const text = 'the export page shows the report';
    const vip = predictEscalation(fitted, { text, structured: { vip: 1, recentTickets: 0, users: Math.log1p(1) } });
    expect(vip.urgency).toBe('high');
    expect(vip.contributions.map((c) => c.feature)).not.toContain('users');
  });

  it('returns probabilities that sum to 1 and names word features', () => {
    const prediction = predictEscalation(model, { text: 'typo on the invoice screen', structured: { vip: 0 } });
    const { high, medium, low } = prediction.probabilities;
    expect(high + medium + low).toBeCloseTo(1, 6);
    expect(low).toBeGreaterThan(medium);
    expect(prediction.contributions.map((c) => c.feature)).toContain('word "typo"');
  });

  it('is plain JSON, checked on load', () => {
    expect(state).toMatchObject({ format: 'escalation', version: 1, structured: { names: ['recentTickets', 'vip'] } });
    expect(() => loadEscalation({ ...state, heads: { ...state.heads, high: { ...state.heads.high, weights: 'AAAAAA==' } } })).toThrow(
      /weights for/,
    );
    expect(() => loadEscalation({ format: 'text-classifier' })).toThrow();
  });

  it('fits a tier head from the examples whose outcome names the tier, and only then', () => {
    expect(model.tier).toBeUndefined();
    expect(predictEscalation(model, { text: 'the report' }).tier2).toBeUndefined();
    // A third of the outcomes say no tier; of the rest, tickets quoting a stack trace needed tier 2.
    const tiered = examples.map((example, i) => {
      if (i % 3 === 0) return example;
      const needsTier2 = i % 2 === 0;
      return { ...example, text: `${example.text}${needsTier2 ? ' stacktrace' : ''}`, needsTier2 };
    });
    const withTier = loadEscalation(JSON.parse(JSON.stringify(fitEscalation(tiered, { grid: [1, 10] }))));
    const trace = predictEscalation(withTier, { text: 'the export page stacktrace', structured: { vip: 0 } }).tier2!;
    const plain = predictEscalation(withTier, { text: 'the export page', structured: { vip: 0 } }).tier2!;
    expect(trace).toBeGreaterThan(0.7);
    expect(plain).toBeLessThan(0.3);
    const few = tiered.map((example, i) => (i < 220 ? { ...example, needsTier2: undefined } : example));
    expect(fitEscalation(few, { grid: [1] }).heads.tier).toBeUndefined();
  });

  it('asks for the embedding a model was fitted with', () => {
    const withEmbedding = examples.map((example, i) => ({ ...example, embedding: [i % 2, example.urgency === 'high' ? 1 : 0] }));
    expect(() => fitEscalation(withEmbedding)).toThrow(/embedder/);
    const embedded = loadEscalation(fitEscalation(withEmbedding, { embedder: 'toy', grid: [1] }));
    expect(embedded.embedder).toBe('toy');
    expect(() => predictEscalation(embedded, { text: 'x' })).toThrow(/needs the ticket embedding/);
    expect(predictEscalation(embedded, { text: 'x', embedding: [0, 1] }).probabilities.high).toBeGreaterThan(
      predictEscalation(embedded, { text: 'x', embedding: [0, 0] }).probabilities.high,
    );
  });
});
