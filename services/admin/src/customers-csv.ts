import type { CustomerInput } from '@triage/store';
import { parseCsv } from '@triage/ml';
import { AdminInputError } from './errors.ts';
import { CustomerRow } from './schemas.ts';

const VIP: Record<string, boolean> = { '': false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

/**
 * A CRM export as CSV: a header naming `id` and `tier` (and optionally `vip`), in any order, then
 * one customer a line. A bad line stops the import, naming the line.
 */
export const parseCustomersCsv = (text: string, source: string): CustomerInput[] => {
  const [header, ...records] = parseCsv(text, source);
  const columns = header?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const column = (name: string) => columns.indexOf(name);
  if (column('id') < 0 || column('tier') < 0)
    throw new AdminInputError(`${source}: the first line must name the columns id and tier (and vip)`);
  return records.map(({ line, fields }) => {
    const field = (name: string) => (column(name) < 0 ? '' : (fields[column(name)] ?? '').trim());
    const vip = VIP[field('vip').toLowerCase()];
    const parsed = CustomerRow.safeParse({ id: field('id'), tier: field('tier').toLowerCase(), vip });
    if (!parsed.success || vip === undefined) {
      const reason = vip === undefined ? 'vip must be true/false, yes/no or 1/0' : (parsed.error?.issues[0]?.message ?? 'invalid');
      throw new AdminInputError(`${source}:${line}: ${reason}`);
    }
    return parsed.data;
  });
};
