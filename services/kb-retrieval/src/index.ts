export type { KnowledgeSearch, SearchQuery } from './knowledge-search.ts';
export { readKnowledgeBase, KbFileError, type KbFileArticle } from './kb-files.ts';
export { createKbRetrievalWorker, type KbRetrievalDeps } from './worker.ts';
export {
  createKnowledgeSearch,
  kbUpdatesWorker,
  KB_MODEL,
  searchWarmup,
  type RefreshableSearch,
  type WarmupOptions,
} from './knowledge-search-factory.ts';
export { importArticles, type ImportOptions } from './import-articles.ts';
export { RetrievalConfig } from './config.ts';
