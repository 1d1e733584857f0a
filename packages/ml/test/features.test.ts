import { describe, expect, it } from 'vitest';
import { TfidfVectorizer, countNgrams, words } from '@triage/ml';

const total = (counts: Map<number, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
const norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((sum, v) => sum + v * v, 0));

describe('n-grams', () => {
  it('splits words on anything but letters and digits, lower-cased and NFKC-normalised', () => {
    expect(words('My card #1234 hasn’t ARRIVED — ﬁne?')).toEqual(['my', 'card', '1234', 'hasn', 't', 'arrived', 'fine']);
  });

  it('counts word unigrams and bigrams and within-word character 2-5 grams', () => {
    const { word, char } = countNgrams('ab ab');
    // Unigram "ab" twice plus the bigram "ab ab".
    expect(total(word)).toBe(3);
    expect(word.size).toBe(2);
    // " ab " gives 3 bigrams, 2 trigrams and 1 four-gram, twice.
    expect(total(char)).toBe(12);
    expect(char.size).toBe(6);
  });

  it('hashes the same text the same way every time', () => {
    expect(countNgrams('reset my password')).toEqual(countNgrams('reset my password'));
  });
});

describe('TfidfVectorizer', () => {
  const corpus = ['reset my password', 'password expired', 'card not arrived'];
  const vectorizer = TfidfVectorizer.fit(corpus);

  it('gives each seen feature a column with smoothed idf', () => {
    // "password" occurs in 2 of 3 documents: ln(4 / 3) + 1; "card" in 1: ln(4 / 2) + 1.
    const idf = [...vectorizer.idf].map((v) => Number(v.toFixed(5)));
    expect(idf).toContain(Number((Math.log(4 / 3) + 1).toFixed(5)));
    expect(idf).toContain(Number((Math.log(2) + 1).toFixed(5)));
    expect(Math.min(...idf)).toBeCloseTo(Math.log(4 / 4) + 1); // character n-grams shared by all three
  });

  it('L2-normalises the word block and the character block separately', () => {
    const vector = vectorizer.transform('reset password');
    const wordValues: number[] = [];
    const charValues: number[] = [];
    vector.indices.forEach((column, p) => {
      (vectorizer.features[column]! < vectorizer.buckets ? wordValues : charValues).push(vector.values[p]!);
    });
    expect(norm(wordValues)).toBeCloseTo(1, 5);
    expect(norm(charValues)).toBeCloseTo(1, 5);
  });

  it('drops features never seen while fitting', () => {
    expect(vectorizer.transform('zzqx').indices.length).toBe(0);
  });

  it('applies sublinear tf: a repeated word weighs 1 + ln(count), not count', () => {
    const fitted = TfidfVectorizer.fit(['alpha beta']);
    const wordWeights = (text: string) => {
      const vector = fitted.transform(text);
      const weights = new Map<number, number>();
      vector.indices.forEach((column, p) => {
        if (fitted.features[column]! < fitted.buckets) weights.set(column, vector.values[p]!);
      });
      return weights;
    };
    const [alpha] = wordWeights('alpha').keys();
    const [beta] = wordWeights('beta').keys();
    const weights = wordWeights('alpha alpha alpha beta');
    // Same idf for both words (each in the one document), so the ratio is the tf ratio.
    expect(weights.get(alpha!)! / weights.get(beta!)!).toBeCloseTo(1 + Math.log(3), 5);
  });
});
