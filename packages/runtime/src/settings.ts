import { z } from 'zod';

// Settings more than one schema reads: each reader adds its own default and description. Only zod
// here, so a library can import them (`@triage/runtime/settings`) without the rest of the runtime.

/** A TCP port to listen on; 0 picks a free one. */
export const PortSetting = z.coerce.number().int().min(0).max(65535);

/** Size of the vectors stored and searched: pgvector indexes up to 2000 dimensions. */
export const EmbeddingDimSetting = z.coerce.number().int().min(8).max(2000).default(384);

export const LogLevelSetting = z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Least severe level that is logged.');
