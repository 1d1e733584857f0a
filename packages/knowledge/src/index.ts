export { RetrievalConfig } from './config.ts';
export { importArticles, type ImportOptions } from './import-articles.ts';
export { KbFileError, type KbFileArticle, readKnowledgeBase } from './kb-files.ts';
export { announceKbUpdate } from './kb-updates.ts';
export { createKnowledgeBase, type KnowledgeBase, type KnowledgeBaseOptions } from './knowledge-base.ts';
export type { KnowledgeSearch, SearchQuery } from './knowledge-search.ts';
