import type { Ticket } from '@triage/contracts';
import { clip, sentencesOf } from './sentences.ts';

const TRIED =
  /\b(?:I|we)(?:'ve| have| had)?\s+(?:already\s+|also\s+)?(?:tried|restarted|rebooted|reinstalled|re-installed|cleared|reset|updated|upgraded|downgraded|disabled|enabled|switched|logged out|signed out|followed|tested)\b|\balready\b|\bcleared (?:the |my )?(?:browser )?cache\b/i;

/** What the customer already did, in their words, plus what self-service showed them: never ask again. */
export const triedOf = (ticket: Ticket): string[] => {
  const own = sentencesOf(ticket.body.replaceAll('\u2019', "'"))
    .filter((s) => TRIED.test(s))
    .map((s) => clip(s, 240));
  const d = ticket.deflection;
  if (!d) return own;
  return [
    ...own,
    `Searched self-service for "${clip(d.question, 200)}"`,
    ...d.articlesShown.map((a) => `Was shown KB article ${a.articleId} "${a.title}" in self-service; it did not resolve the issue`),
    ...(d.comment ? [`Comment after self-service: "${clip(d.comment, 400)}"`] : []),
  ];
};
