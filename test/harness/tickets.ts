import { fileURLToPath } from 'node:url';
import type { TicketSubmission } from '@triage/contracts';
import { readExamples } from '@triage/ml';

const channels = ['email', 'chat', 'web', 'api', 'phone'] as const;
const tiers = ['free', 'pro', 'enterprise'] as const;

/**
 * `count` varied, realistic tickets built from the seed examples: every category, channel and
 * customer tier, some with affected-user counts.
 */
export const variedTickets = async (count: number): Promise<TicketSubmission[]> => {
  const rows = await readExamples(fileURLToPath(new URL('../../data/seed/examples.csv', import.meta.url)));
  return Array.from({ length: count }, (_, i) => {
    const text = rows[(i * 7) % rows.length]!.text;
    return {
      subject: text.split(/[.!?\n]/)[0]!.slice(0, 120) || 'Support request',
      body: text,
      channel: channels[i % channels.length]!,
      customer: { id: `customer-${i % 37}`, tier: tiers[i % tiers.length]!, vip: i % 50 === 0 },
      ...(i % 4 === 0 ? { affectedUsers: 1 + (i % 30) } : {}),
    };
  });
};

export const vipOutage: TicketSubmission = {
  subject: 'Site down for all our customers',
  body: 'Our checkout is completely down since 09:10 — payment failed for every order, HTTP 502 on /api/checkout. This is an outage for all users, urgent!',
  channel: 'phone',
  customer: { id: 'globex-hq', tier: 'enterprise', vip: true },
  affectedUsers: 500,
};
