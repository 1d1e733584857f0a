import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../src/sentiment.ts';

/** Real bank customers' messages labelled by hand (test/fixtures/SOURCE.md, CC BY 4.0). */
const sample = (file: string): { text: string; frustrated: string }[] =>
  parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url)), { columns: true });

const measure = (rows: { text: string; frustrated: string }[]) => {
  let truePositives = 0;
  let falsePositives = 0;
  let right = 0;
  for (const { text, frustrated } of rows) {
    const said = frustrated === 'true';
    const read = scoreSentiment(text).frustrated;
    if (read === said) right++;
    if (read && said) truePositives++;
    if (read && !said) falsePositives++;
  }
  const positives = rows.filter((r) => r.frustrated === 'true').length;
  return { accuracy: right / rows.length, precision: truePositives / (truePositives + falsePositives), recall: truePositives / positives };
};

describe('lexicon sentiment on labelled samples of customer messages', () => {
  it('tells frustrated customers from the rest on the sample it was tuned on', () => {
    const rows = sample('sentiment-banking77.csv');
    expect(rows).toHaveLength(95);
    // Measured: accuracy 0.968, precision 1.000, recall 0.932; before negation weighting, shouting
    // per sentence and the added words: 0.737, 1.000, 0.432. The words were chosen reading this
    // sample's misses, so these are in-sample figures.
    const { accuracy, precision, recall } = measure(rows);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('never calls a calm customer frustrated on a sample it was not tuned on, and finds some of the frustrated', () => {
    const rows = sample('sentiment-banking77-heldout.csv');
    expect(rows).toHaveLength(50);
    // Measured once, after tuning: accuracy 0.860, precision 1.000, recall 0.300 (before: 0.840,
    // 1.000, 0.200). Recall on unseen wording is the lexicon's limit: "highly unsatisfied" and
    // "Please delete my account right now!" use words it does not know.
    const { accuracy, precision, recall } = measure(rows);
    expect(precision).toBe(1);
    expect(accuracy).toBeGreaterThanOrEqual(0.86);
    expect(recall).toBeGreaterThanOrEqual(0.3);
  });
});
