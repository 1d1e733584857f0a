import type { Escalation } from '@triage/contracts';

/** The customer's mood in words an agent reads before replying. */
export const describeSentiment = ({ sentiment, reasons }: Escalation): string => {
  const mood = sentiment.frustrated
    ? 'Frustrated'
    : sentiment.score <= -0.2
      ? 'Somewhat negative'
      : sentiment.score >= 0.2
        ? 'Positive'
        : 'Neutral';
  // The detail says whether the customer's history or only their words show it; older decisions have none.
  const repeat = reasons.find((r) => r.code === 'repeat-contact');
  return `${mood} (score ${sentiment.score}, ${sentiment.source})${repeat ? `; repeat contact: ${repeat.detail ?? 'the customer says they asked before'}` : ''}`;
};
