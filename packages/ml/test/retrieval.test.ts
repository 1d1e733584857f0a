import { describe, expect, it } from 'vitest';
import {
  DenseIndex,
  HybridRetriever,
  LexicalIndex,
  answerableProbability,
  chunkText,
  evidenceScore,
  fitAnswerability,
  reciprocalRankFusion,
  seededRandom,
  standardizedScoreFusion,
} from '@triage/ml';
import type { Retriever, ScoredId } from '@triage/ml';

describe('chunkText', () => {
  const body = Array.from({ length: 450 }, (_, i) => `w${i}`).join(' ');

  it('cuts long text into overlapping windows, each starting with the title', () => {
    const chunks = chunkText('Refunds', body, { words: 200, overlap: 50 });
    expect(chunks).toHaveLength(3); // starts at words 0, 150, 300
    expect(chunks.every((chunk) => chunk.startsWith('Refunds\n'))).toBe(true);
    expect(chunks[1]!.split(/\s+/)[1]).toBe('w150');
    expect(chunks[2]!.split(/\s+/).at(-1)).toBe('w449');
  });

  it('keeps a short article whole', () => {
    expect(chunkText('Title', 'short   body\ntext')).toEqual(['Title\nshort body text']);
  });

  it('rejects an overlap as large as the chunk', () => {
    expect(() => chunkText('t', body, { words: 10, overlap: 10 })).toThrow(/overlap/);
  });
});

describe('LexicalIndex', () => {
  it('ranks by TF-IDF cosine, one hit per id (its best entry)', async () => {
    const index = new LexicalIndex();
    index.add('billing', 'How to update your billing address and payment method');
    index.add('domain', 'Connecting a custom domain to your site');
    index.add('domain', 'Domain DNS records: A record and CNAME');
    const hits = await index.search({ text: 'change the DNS CNAME of my domain' }, 5);
    expect(hits.map((hit) => hit.id)).toEqual(['domain', 'billing']);
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
  });

  it('scores a document against itself at 1 and refits idf after an add', async () => {
    const index = new LexicalIndex();
    index.add('a', 'reset password link');
    expect((await index.search({ text: 'reset password link' }, 1))[0]!.score).toBeCloseTo(1, 5);
    index.add('b', 'refund policy');
    expect(index.size).toBe(2);
    expect((await index.search({ text: 'refund' }, 1))[0]!.id).toBe('b');
  });

  it('is built ahead by prepare(), and is no longer after an add', async () => {
    const index = new LexicalIndex();
    index.add('a', 'reset password link');
    index.add('b', 'refund policy');
    expect(index.ready).toBe(false);
    index.prepare();
    expect(index.ready).toBe(true);
    expect((await index.search({ text: 'refund' }, 1))[0]!.id).toBe('b');
    index.add('c', 'refund to a gift card');
    expect(index.ready).toBe(false);
    expect((await index.search({ text: 'gift card' }, 1))[0]!.id).toBe('c');
    expect(index.ready).toBe(true);
  });
});

describe('DenseIndex', () => {
  it('ranks by cosine and keeps the best vector per id', async () => {
    const index = new DenseIndex(2);
    index.add('a', [1, 0]);
    index.add('b', [0, 3]);
    index.add('b', [1, 1]);
    const hits = await index.search({ embedding: [1, 0.2] }, 2);
    expect(hits.map((hit) => hit.id)).toEqual(['a', 'b']);
    expect(hits[1]!.score).toBeCloseTo((1 + 0.2) / (Math.SQRT2 * Math.hypot(1, 0.2)), 5);
    // b's second vector, the third added, is its best.
    expect(hits.map((hit) => hit.entry)).toEqual([0, 2]);
  });

  it('scores every dimension, also past the last whole group of four', async () => {
    const random = seededRandom(3);
    for (const dimension of [1, 3, 4, 7, 384]) {
      // Enough vectors to grow the index's memory past its first page, searched between the adds too.
      const vectors = Array.from({ length: 300 }, () => Array.from({ length: dimension }, () => random() - 0.5));
      const index = new DenseIndex(dimension);
      const query = Array.from({ length: dimension }, () => random() - 0.5);
      const cosine = (v: number[]) => v.reduce((sum, x, d) => sum + x * query[d]!, 0) / (Math.hypot(...v) * Math.hypot(...query));
      for (const [i, vector] of vectors.entries()) {
        index.add(`v${i}`, vector);
        if (i % 100 === 0 || i === vectors.length - 1) {
          const hits = await index.search({ embedding: query }, i + 1);
          expect(hits).toHaveLength(i + 1);
          for (const hit of hits) expect(hit.score, `dimension ${dimension}`).toBeCloseTo(cosine(vectors[hit.entry]!), 5);
        }
      }
    }
  });

  it('rejects vectors of the wrong dimension', () => {
    expect(() => new DenseIndex(3).add('a', [1, 2])).toThrow(/3-dim/);
  });
});

describe('fusion', () => {
  const lexical: ScoredId[] = [
    { id: 'a', score: 0.9 },
    { id: 'b', score: 0.5 },
  ];
  const dense: ScoredId[] = [
    { id: 'b', score: 0.8 },
    { id: 'c', score: 0.7 },
  ];

  it('sums 1 / (60 + rank) in reciprocal-rank fusion', () => {
    const fused = reciprocalRankFusion([lexical, dense]);
    expect(fused.map((hit) => hit.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61);
    expect(fused[1]!.score).toBeCloseTo(1 / 61);
  });

  it('sums per-query z-scores, a missing id taking the list minimum', () => {
    // Each two-item list standardises to +1 and -1.
    const fused = standardizedScoreFusion([lexical, dense]);
    // a: (1 + -1) / 2, b: (-1 + 1) / 2, c: (-1 + -1) / 2; ties broken by id.
    expect(fused.map((hit) => hit.id)).toEqual(['a', 'b', 'c']);
    expect(fused.map((hit) => hit.score)).toEqual([expect.closeTo(0), expect.closeTo(0), expect.closeTo(-1)]);
    const lexicalOnly = standardizedScoreFusion([lexical, dense], [1, 0]);
    expect(lexicalOnly[0]!.id).toBe('a');
    expect(lexicalOnly[0]!.score).toBeCloseTo(1);
  });
});

describe('HybridRetriever', () => {
  const fixed = (hits: ScoredId[]): Retriever => ({ search: async (_query, k) => hits.slice(0, k) });

  it('fuses both sides and keeps each side’s own score', async () => {
    const retriever = new HybridRetriever({
      lexical: fixed([
        { id: 'a', score: 0.6 },
        { id: 'b', score: 0.2 },
      ]),
      dense: fixed([{ id: 'b', score: 0.9 }]),
    });
    const hits = await retriever.search({ text: 'q', embedding: [] }, 2);
    expect(hits.map((hit) => hit.id)).toEqual(['b', 'a']);
    expect(hits[0]).toMatchObject({ lexicalScore: 0.2, denseScore: 0.9 });
    expect(hits[1]).toMatchObject({ lexicalScore: 0.6, denseScore: 0 });
    expect(evidenceScore(hits[0])).toBeCloseTo(0.55);
    expect(evidenceScore(undefined)).toBe(0);
  });
});

describe('answerability', () => {
  it('fits a rising probability of being answerable in the evidence score', () => {
    const samples = [0.1, 0.2, 0.25, 0.3, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8].map((score, i) => ({ score, answerable: i >= 4 && i !== 5 }));
    const model = fitAnswerability(samples);
    expect(model.slope).toBeGreaterThan(0);
    expect(answerableProbability(model, 0.1)).toBeLessThan(0.2);
    expect(answerableProbability(model, 0.8)).toBeGreaterThan(0.8);
    // At the optimum the mean predicted probability equals the base rate (the intercept's condition).
    const meanProbability = samples.reduce((sum, s) => sum + answerableProbability(model, s.score), 0) / samples.length;
    expect(meanProbability).toBeCloseTo(0.5, 4);
  });

  it('stays finite on perfectly separated data', () => {
    const model = fitAnswerability([
      { score: 0.1, answerable: false },
      { score: 0.9, answerable: true },
    ]);
    expect(Number.isFinite(model.slope)).toBe(true);
    expect(answerableProbability(model, 0.9)).toBeGreaterThan(0.9);
  });

  it('needs both kinds of query', () => {
    expect(() => fitAnswerability([{ score: 1, answerable: true }])).toThrow(/both/);
  });
});
