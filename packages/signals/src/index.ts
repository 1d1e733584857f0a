export { analyzeText } from './analyze.ts';
export { customerText } from './customer-text.ts';
export { detectSignals } from './signals.ts';
export { entityCount } from './entities.ts';
export { lexiconSentiment, scoreSentiment, type SentimentAnalyzer } from './sentiment.ts';
