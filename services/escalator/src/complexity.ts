import type { Categorization, Retrieval, TechnicalEntities } from '@triage/contracts';
import { entityCount } from '@triage/signals';

export interface ComplexityInput {
  text: string;
  entities: TechnicalEntities;
  attachments: number;
  categorization: Categorization;
  retrieval: Retrieval;
  lowConfidence: boolean;
}

/** An alternative category this likely means the ticket spans more than one product area. */
const SECOND_AREA_PROBABILITY = 0.25;

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * 0..1: how much expertise the ticket needs. The weights sum to 1; technical detail weighs most
 * because error codes, versions and traces are what a first-line agent cannot act on.
 */
export const complexityOf = (c: ComplexityInput): number => {
  const length = clamp01((c.text.length - 200) / 1800);
  const detail = clamp01(entityCount(c.entities) / 4);
  const attachments = clamp01(c.attachments / 3);
  const multiArea = c.categorization.alternatives.some(
    (a) => a.category !== c.categorization.category && a.probability >= SECOND_AREA_PROBABILITY,
  );
  // How far the knowledge base is from answering it: no article at all counts fully.
  const knowledge = c.retrieval.selfServe ? 0 : 1 - c.retrieval.confidence;
  const score =
    0.15 * length + 0.3 * detail + 0.1 * attachments + 0.15 * (multiArea ? 1 : 0) + 0.15 * (c.lowConfidence ? 1 : 0) + 0.15 * knowledge;
  return Math.round(clamp01(score) * 1000) / 1000;
};
