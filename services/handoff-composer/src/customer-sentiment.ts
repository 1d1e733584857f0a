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
  const repeat = reasons.some((r) => r.code === 'repeat-contact') ? '; says they have contacted support before' : '';
  return `${mood} (score ${sentiment.score}, ${sentiment.source})${repeat}`;
};
