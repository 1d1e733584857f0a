export { createCategorizer, type CategorizerParts } from './categorizer.ts';
export { composeCategorizer, type CategorizerDeps } from './service.ts';
export { CategorizerConfig } from './config.ts';
export { CATEGORIZER_MODEL, createModelRegistry } from './model-registry.ts';
