export { analyzeText } from './analyze.ts';
export { customerText } from './customer-text.ts';
export { detectLanguage } from './language.ts';
export { detectSignals } from './signals.ts';
export { entityCount, extractEntities } from './entities.ts';
export { lexiconSentiment, scoreSentiment, type SentimentAnalyzer } from './sentiment.ts';
