import type { Categorization } from '@triage/contracts';

/**
 * The embedder that made a ticket's embedding. The categorizer names each model version after the
 * embedder it was trained with (`<embedder>-<ISO time>`), and the embedding is the one it computed.
 */
export const embedderOf = (categorization: Categorization): string | undefined =>
  /^(.+)-\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.exec(categorization.modelVersion)?.[1];
