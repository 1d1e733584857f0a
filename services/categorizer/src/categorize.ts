import { NEEDS_TRIAGE, type Categorization, type Taxonomy, type TicketKind } from '@triage/contracts';

export interface Prediction {
  label: string;
  probability: number;
}

export interface CategorizeInput {
  /** Category probabilities, most likely first. */
  categories: Prediction[];
  /** Incident vs service request probabilities when a kind head was trained, most likely first. */
  kinds?: Prediction[] | undefined;
  /** Below this confidence the ticket goes to human triage instead of a guessed category. */
  abstainBelow: number;
  modelVersion: string;
  taxonomy: Taxonomy;
}

/** Turns model output into the pipeline's categorization, abstaining when the model is unsure. */
export const toCategorization = (input: CategorizeInput): Categorization => {
  const best = input.categories[0];
  const confidence = best?.probability ?? 0;
  const abstained = !best || confidence < input.abstainBelow;
  const defaultKind = input.taxonomy.categories.find((c) => c.name === best?.label)?.defaultKind;
  const kind = (input.kinds?.[0]?.label as TicketKind | undefined) ?? defaultKind ?? 'incident';
  return {
    category: abstained ? NEEDS_TRIAGE : best.label,
    kind,
    confidence,
    abstained,
    modelVersion: input.modelVersion,
    alternatives: input.categories.slice(0, 3).map((p) => ({ category: p.label, probability: p.probability })),
  };
};
