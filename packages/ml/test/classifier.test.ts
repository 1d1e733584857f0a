import { describe, expect, it } from 'vitest';
import { TextClassifier, seededRandom } from '@triage/ml';
import type { LabeledText } from '@triage/ml';

// Three intents written many ways, so a held-out split has something to learn from.
const templates: Record<string, string[]> = {
  card_arrival: [
    'where is my new card',
    'my card has not arrived yet',
    'still waiting for the card',
    'when will my card come',
    'card delivery is late',
  ],
  reset_password: [
    'i forgot my password',
    'how do i reset my password',
    'password reset link is broken',
    'cannot log in, need a new password',
    'change my login password',
  ],
  refund: [
    'i want my money back',
    'please refund my order',
    'how long does a refund take',
    'refund not received',
    'request a refund for a purchase',
  ],
};
const fillers = ['', 'hi, ', 'hello ', 'please help: ', 'urgent: '];
const suffixes = ['', '?', ' thanks', ' asap', '!!'];

function dataset(): LabeledText[] {
  const examples: LabeledText[] = [];
  for (const [category, texts] of Object.entries(templates)) {
    for (const text of texts)
      for (const [i, filler] of fillers.entries()) examples.push({ text: `${filler}${text}${suffixes[i]}`, category });
  }
  return examples;
}

/** A toy "embedding": one noisy direction per category, so the embedding head has signal too. */
function embed(example: LabeledText, random: () => number): number[] {
  const index = Object.keys(templates).indexOf(example.category);
  return Array.from({ length: 8 }, (_, d) => (d === index ? 1 : 0) + (random() - 0.5) * 0.6);
}

describe('TextClassifier', () => {
  const examples = dataset();

  it('learns intents with the TF-IDF head alone and ranks every category', async () => {
    const classifier = await TextClassifier.train(examples, undefined, { mode: 'tfidf' });
    const prediction = classifier.predict('my card still has not arrived');
    expect(prediction.probabilities[0]!.label).toBe('card_arrival');
    expect(prediction.probabilities.map((p) => p.label).sort()).toEqual(Object.keys(templates).sort());
    expect(prediction.probabilities.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 6);
    const sorted = prediction.probabilities.map((p) => p.probability);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(classifier.predict('refund for my purchase please').probabilities[0]!.label).toBe('refund');
  });

  it('fuses both heads and survives serialisation unchanged', async () => {
    const random = seededRandom(3);
    const vectors = examples.map((example) => embed(example, random));
    const progress: number[] = [];
    const classifier = await TextClassifier.train(examples, vectors, {
      mode: 'fused',
      embedder: 'toy',
      onProgress: (done) => progress.push(done),
    });
    expect(progress.at(-1)).toBe(1);
    expect(classifier.embedder).toBe('toy');
    expect(Object.keys(classifier.report.heads).sort()).toEqual(['embedding', 'tfidf']);
    expect(classifier.report.holdoutExamples).toBeGreaterThan(0);
    expect(classifier.temperature).toBeGreaterThan(0);

    const restored = TextClassifier.deserialize(classifier.serialize());
    const query = embed({ text: '', category: 'reset_password' }, random);
    const before = classifier.predict('forgot password', query);
    const after = restored.predict('forgot password', query);
    expect(after).toEqual(before);
    expect(before.probabilities[0]!.label).toBe('reset_password');
    expect(restored.report).toEqual(classifier.report);
  });

  it('abstains below the threshold chosen for the target precision', async () => {
    // The same vague text under every category: whatever the model says about it is often wrong.
    const vague = Object.keys(templates).flatMap((category) => Array.from({ length: 5 }, () => ({ text: 'can you help me', category })));
    const classifier = await TextClassifier.train([...examples, ...vague], undefined, { mode: 'tfidf', targetPrecision: 1 });
    expect(classifier.threshold).toBeGreaterThan(0);
    expect(classifier.predict('can you help me').abstained).toBe(true);
    expect(classifier.predict('how do i reset my password').abstained).toBe(false);
  });

  it('needs the embedding for a model with an embedding head', async () => {
    const random = seededRandom(5);
    const classifier = await TextClassifier.train(
      examples,
      examples.map((e) => embed(e, random)),
      { mode: 'embedding', embedder: 'toy' },
    );
    expect(() => classifier.predict('where is my card')).toThrow(/needs the text's toy embedding/);
  });

  it('rejects bad training input', async () => {
    await expect(TextClassifier.train([{ text: 'a', category: 'x' }], undefined, { mode: 'tfidf' })).rejects.toThrow(
      /at least two categories/,
    );
    await expect(TextClassifier.train(examples, undefined, { mode: 'fused', embedder: 'toy' })).rejects.toThrow(
      /one embedding per example/,
    );
    await expect(TextClassifier.train(examples, [[1, 2]], { mode: 'embedding', embedder: 'toy' })).rejects.toThrow(
      /1 embeddings for 75 examples/,
    );
    await expect(
      TextClassifier.train(
        examples,
        examples.map(() => [1]),
        { mode: 'embedding' },
      ),
    ).rejects.toThrow(/embedder name/);
  });

  it('rejects bytes that are not a serialised classifier', () => {
    expect(() => TextClassifier.deserialize(new Uint8Array([1, 2, 3]))).toThrow(/not a serialized Triage model/);
  });
});
