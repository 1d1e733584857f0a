import type { TextAnalysis } from '@triage/contracts';
import { extractEntities } from './entities.ts';
import { detectSignals } from './signals.ts';

/** Every phrase detector over the customer's text, in one pass a stage makes once per ticket. */
export const analyzeText = (text: string): TextAnalysis => ({ signals: detectSignals(text), entities: extractEntities(text) });
