import type { TextEmbedder } from '@triage/embeddings';
import type { KbFileArticle } from '@triage/knowledge';
import { splitPassages, type PassageCorpus } from './synthetic-kb.ts';

/** Cuts the real articles into passages and embeds every passage once. */
export const embedPassages = async (articles: KbFileArticle[], embeddings: TextEmbedder): Promise<PassageCorpus> => {
  const passages = articles.map((a) => splitPassages(a.body));
  const flat = await embeddings.embedDocuments(passages.flat().map((p) => p.text));
  let next = 0;
  return { articles, passages, vectors: passages.map((list) => list.map(() => flat[next++]!)) };
};
