import { NEEDS_TRIAGE, type TicketAssessed } from '@triage/contracts';
import { clip, sentencesOf } from './sentences.ts';

const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b(?:\s+(?:team|there|support|all|everyone|folks|guys|\w+ team))?[\s,!.:-]*/i;
const SIGN_OFF = /^(?:thanks?|thank you|many thanks|regards|best|kind regards|best regards|cheers|sincerely|sent from my)\b/i;
const GIST_CHARS = 320;

/** The body's first sentences that say something, without greeting or sign-off. */
export const bodyGist = (body: string): string => {
  const picked: string[] = [];
  let length = 0;
  for (const sentence of sentencesOf(body)) {
    if (SIGN_OFF.test(sentence)) continue;
    const text = sentence.replace(GREETING, '');
    if (text.split(/\s+/).length < 3) continue;
    picked.push(text.charAt(0).toUpperCase() + text.slice(1));
    length += text.length;
    if (picked.length === 2 || length >= GIST_CHARS) break;
  }
  return clip(picked.join(' '), GIST_CHARS);
};

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One extractive paragraph: who, what, impact, category and the decision, from the ticket alone. */
export const localSummary = ({ ticket, categorization, escalation }: TicketAssessed): string => {
  const { customer } = ticket;
  const who = `${capitalize(customer.tier)}${customer.vip ? ' VIP' : ''} customer ${customer.name ? `${customer.name} (${customer.id})` : customer.id}`;
  const gist = bodyGist(ticket.body);
  const impact = ticket.affectedUsers ? ` Impact: ${ticket.affectedUsers} affected user${ticket.affectedUsers === 1 ? '' : 's'}.` : '';
  const category =
    categorization.category === NEEDS_TRIAGE
      ? 'Category unclear (needs triage)'
      : `Categorized as ${categorization.category} (${categorization.kind.replace('_', ' ')}, ${Math.round(categorization.confidence * 100)}% confidence)`;
  const decision = `${escalation.priority}, tier ${escalation.tier}, queue ${escalation.queue}${escalation.majorIncident ? ', declared a major incident' : ''}`;
  return `${who} wrote via ${ticket.channel}: "${clip(ticket.subject, 120)}".${gist ? ` ${gist}` : ''}${impact} ${category}; ${decision}.`;
};
