export { createCategorizer, type CategorizerParts } from './categorizer.ts';
export { CategorizerConfig } from './config.ts';
export { CATEGORIZER_MODEL } from './model-registry.ts';
export { Taxonomy } from './taxonomy.ts';
