import { fileURLToPath } from 'node:url';
import { readKnowledgeBase, type KbFileArticle } from '@triage/knowledge';
import { readQueries } from '../../scripts/eval/read-kb.ts';

/** Real Wix Help Center articles and customer questions (MIT), kept outside the repository. */
const WIXQA = fileURLToPath(new URL('../../../shared/fixtures/wixqa-sample/', import.meta.url));
const SEED_KB = fileURLToPath(new URL('../../data/seed/kb', import.meta.url));

/** Every real article at hand: 173 from WixQA and the seed knowledge base's. */
export const readRealArticles = async (): Promise<KbFileArticle[]> => [
  ...(await readKnowledgeBase(`${WIXQA}kb.jsonl`)),
  ...(await readKnowledgeBase(SEED_KB)),
];

/** The 160 real WixQA customer questions. */
export const readRealQuestions = async (articles: KbFileArticle[]): Promise<string[]> =>
  (await readQueries(`${WIXQA}queries.jsonl`, new Set(articles.map((a) => a.id)))).map((q) => q.query);
