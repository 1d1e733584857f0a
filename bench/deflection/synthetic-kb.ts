// Knowledge bases of any size built from the real articles, for timing search at scale.
//
// Text: each synthetic article takes most passages (runs of whole sentences) of one real article,
// in order, and about a third as many from another real article, so its length, vocabulary and
// number of chunks are those of real help-center articles. The lexical index therefore holds as
// many postings per article as a real one would.
//
// Vectors: embedding 100k articles (240k chunks of ~256 tokens) with MiniLM would take about an
// hour here, so each chunk's vector is made from vectors of real text. Every real passage is
// embedded once (about 1.2k); a chunk's vector is the mean of the vectors of the passages it
// covers, weighted by the words it takes from each, plus a little Gaussian noise, re-normalised.
// MiniLM mean-pools its token states, so the embedding of a concatenation points close to that
// weighted mean; `mixingFidelity` measures how close against the real embeddings (cosine ~0.84).
// The HNSW index then holds as many unit vectors of dimension 384 as a real 100k-article base,
// clustered by topic as real chunk vectors are (not uniform noise) and never exact duplicates.
import type { KbFileArticle } from '@triage/knowledge';
import { chunkText, seededRandom } from '@triage/ml';
import type { ArticleInput } from '@triage/store';

/** Consecutive whole sentences of one article, about this many words. */
const PASSAGE_WORDS = 50;
/** Share of its base article's passages a synthetic article keeps. */
const KEEP_BASE = 0.75;
/** Passages taken from the second article, relative to those kept from the base one. */
const PARTNER_SHARE = 0.35;
/** Standard deviation of the noise per dimension: about 0.2 in norm, cosine ~0.98 to the mean. */
const NOISE = 0.01;

export interface Passage {
  text: string;
  words: number;
}

/** Real articles cut into passages, with a vector for each passage (same order). */
export interface PassageCorpus {
  articles: KbFileArticle[];
  passages: Passage[][];
  vectors: number[][][];
}

const SENTENCE_END = /(?<=[.!?])\s+|\n+/;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export const splitPassages = (body: string): Passage[] => {
  const passages: Passage[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of body
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter(Boolean)) {
    current.push(sentence);
    words += wordCount(sentence);
    if (words >= PASSAGE_WORDS) {
      passages.push({ text: current.join(' '), words });
      current = [];
      words = 0;
    }
  }
  if (current.length > 0) passages.push({ text: current.join(' '), words });
  return passages;
};

const normalize = (v: Float64Array): number[] => {
  let norm = 0;
  for (const x of v) norm += x * x;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return Array.from(v, (x) => x * scale);
};

export interface SyntheticArticle extends ArticleInput {
  /** Each chunk's vector made from passage vectors (see above); `chunks[].embedding` holds the same. */
  mixed: number[][];
}

/**
 * The `index`-th synthetic article (deterministic: the same index always gives the same article),
 * chunked exactly as the import path chunks.
 */
export const syntheticArticle = (corpus: PassageCorpus, index: number): SyntheticArticle => {
  const random = seededRandom(index * 2_654_435_761);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const count = corpus.articles.length;
  const base = index % count;
  const partner = (base + 1 + Math.floor(random() * (count - 1))) % count;

  const picked: { article: number; passage: number }[] = [];
  corpus.passages[base]!.forEach((_, passage) => {
    if (random() < KEEP_BASE) picked.push({ article: base, passage });
  });
  if (picked.length === 0) picked.push({ article: base, passage: 0 });
  const partnerPassages = corpus.passages[partner]!;
  for (let i = Math.max(1, Math.round(picked.length * PARTNER_SHARE)); i > 0; i--) {
    const at = Math.floor(random() * (picked.length + 1));
    picked.splice(at, 0, { article: partner, passage: Math.floor(random() * partnerPassages.length) });
  }

  const title = `${corpus.articles[base]!.title} (${corpus.articles[partner]!.title})`;
  const body = picked.map(({ article, passage }) => corpus.passages[article]![passage]!.text).join(' ');
  const texts = chunkText(title, body);
  // The same chunking over one label per word says which passages each chunk's words came from.
  const labels = picked.flatMap((p, i) => Array<string>(wordCount(corpus.passages[p.article]![p.passage]!.text)).fill(`p${i}`));
  const mixed = chunkText('', labels.join(' ')).map((window) => {
    const wordsFrom = new Map<string, number>();
    for (const label of window.split(' ')) wordsFrom.set(label, (wordsFrom.get(label) ?? 0) + 1);
    const sum = new Float64Array(corpus.vectors[0]![0]!.length);
    for (const [label, words] of wordsFrom) {
      const { article, passage } = picked[Number(label.slice(1))]!;
      const vector = corpus.vectors[article]![passage]!;
      for (let d = 0; d < sum.length; d++) sum[d] = sum[d]! + words * vector[d]!;
    }
    const unit = normalize(sum);
    return normalize(Float64Array.from(unit, (x) => x + NOISE * gaussian()));
  });
  if (mixed.length !== texts.length) throw new Error(`chunking disagreed for synthetic article ${index}`);
  return {
    id: `synthetic-${index}`,
    title,
    body,
    mixed,
    chunks: texts.map((text, i) => ({ text, embedding: mixed[i]! })),
  };
};

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);

/** Cosine between each chunk's mixed vector and its real embedding: how faithful the stand-in vectors are. */
export const mixingFidelity = (articles: SyntheticArticle[], embedded: ArticleInput[]): { chunks: number; mean: number; p10: number } => {
  const similarities = articles
    .flatMap((a, i) => a.mixed.map((v, c) => cosine(v, embedded[i]!.chunks[c]!.embedding)))
    .sort((x, y) => x - y);
  const mean = similarities.reduce((x, y) => x + y, 0) / similarities.length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { chunks: similarities.length, mean: round(mean), p10: round(similarities[Math.floor(similarities.length / 10)]!) };
};
