import { readFile } from 'node:fs/promises';
import type { TicketSubmission } from '@triage/contracts';

const channels = ['email', 'chat', 'web', 'api', 'phone'] as const;
const tiers = ['free', 'pro', 'enterprise'] as const;

/** Minimal RFC-4180 reader for the seed examples (quoted fields may hold commas, quotes and newlines). */
const csvRows = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\n') row.push(field.replace(/\r$/, '')), rows.push(row), (row = []), (field = '');
    else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
};

/**
 * `count` varied, realistic tickets built from the seed examples: every category, channel and
 * customer tier, some with affected-user counts.
 */
export const variedTickets = async (count: number): Promise<TicketSubmission[]> => {
  const rows = csvRows(await readFile(new URL('../../data/seed/examples.csv', import.meta.url), 'utf8')).slice(1);
  return Array.from({ length: count }, (_, i) => {
    const text = rows[(i * 7) % rows.length]![0]!;
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
