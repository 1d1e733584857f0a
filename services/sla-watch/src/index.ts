export { SlaWatchConfig } from './config.ts';
export { composeSlaWatch, type SlaWatchServiceDeps } from './service.ts';
export type { SlaPolicy } from './policy.ts';
export { createSlaWatch, type SlaWatch, type SlaWatchOptions } from './watch.ts';
