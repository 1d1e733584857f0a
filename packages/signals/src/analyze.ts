import type { TextAnalysis } from '@triage/contracts';
import { extractEntities } from './entities.ts';
import { detectLanguage } from './language.ts';
import { detectSignals } from './signals.ts';

/** Every phrase detector and the language over the customer's text, in one pass a stage makes once per ticket. */
export const analyzeText = (text: string): TextAnalysis => {
  const language = detectLanguage(text);
  return { signals: detectSignals(text), entities: extractEntities(text), ...(language ? { language } : {}) };
};
