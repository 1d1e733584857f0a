import type { Logger } from '@triage/runtime';
import { detectSignals, type SentimentAnalyzer } from '@triage/signals';

/**
 * A hosted model's reading of the mood, kept from steering routing: text shaped like instructions
 * to a model is read by the local lexicon instead, and a failing model falls back to it too.
 */
export const guardedSentiment = (hosted: SentimentAnalyzer, local: SentimentAnalyzer, logger: Logger): SentimentAnalyzer => ({
  async analyze(text) {
    if (detectSignals(text).instructionLike) return local.analyze(text);
    try {
      return await hosted.analyze(text);
    } catch (err) {
      logger.warn('hosted sentiment failed; using the lexicon', { err });
      return local.analyze(text);
    }
  },
});
