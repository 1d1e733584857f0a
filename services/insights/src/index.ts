export { InsightsConfig } from './config.ts';
export { composeInsights, type InsightsServiceDeps } from './service.ts';
