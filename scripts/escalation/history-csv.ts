import { Channel, CustomerTier, type Level } from '@triage/contracts';
import { raisedIfBreached } from '@triage/escalator';
import { InputError, parseCsv } from '@triage/ml';

/** A row of a tenant's history as the CSV states it; optional facts are undefined when the row leaves them blank. */
export interface HistoryRecord {
  line: number;
  text: string;
  /** The urgency the outcome teaches: the agents' priority, one level up when the SLA broke. */
  urgency: Level;
  needsTier2: boolean | undefined;
  channel: Channel | undefined;
  customerTier: CustomerTier | undefined;
  vip: boolean | undefined;
  affectedUsers: number | undefined;
  category: string | undefined;
}

// The priority column takes Triage's priorities, urgencies, or the usual issue-tracker names.
const URGENCY_OF: Record<string, Level> = {
  p1: 'high',
  p2: 'high',
  p3: 'medium',
  p4: 'low',
  high: 'high',
  medium: 'medium',
  low: 'low',
  blocker: 'high',
  critical: 'high',
  major: 'medium',
  minor: 'low',
  trivial: 'low',
};
const BOOLEAN: Record<string, boolean> = { true: true, yes: true, '1': true, false: false, no: false, '0': false };

/**
 * Reads a history CSV (header row first, names case-insensitive, extra columns ignored):
 * `text` (required); `priority` (P1-P4, high|medium|low, or blocker|critical|major|minor|trivial);
 * `channel`, `customer_tier`, `vip`, `affected_users`, `resolved_tier` (0-3), `sla_breached`
 * (true|false|yes|no|1|0) and `category`, all optional. Without a `priority` column, `category`
 * holds the urgency instead (high|medium|low), as in `text,category` evaluation files. Throws an
 * InputError naming the line of the first bad row.
 */
export const parseHistoryCsv = (content: string, file: string): HistoryRecord[] => {
  const [header, ...records] = parseCsv(content, file);
  if (!header) throw new InputError(file, undefined, 'empty file: expected a header row');
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  if (column('text') < 0) throw new InputError(file, header.line, 'the header has no `text` column');
  const urgencyColumn = column('priority') >= 0 ? 'priority' : 'category';
  if (column(urgencyColumn) < 0) throw new InputError(file, header.line, 'the header has neither a `priority` nor a `category` column');
  if (records.length === 0) throw new InputError(file, undefined, 'no rows after the header');

  return records.map(({ line, fields }) => {
    const bad = (reason: string) => new InputError(file, line, reason);
    const cell = (name: string): string | undefined => {
      const value = fields[column(name)]?.trim();
      return value ? value : undefined;
    };
    const choice = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
      const value = cell(name)?.toLowerCase();
      if (value === undefined) return undefined;
      if (!(allowed as readonly string[]).includes(value)) throw bad(`${name} must be one of ${allowed.join(', ')}, got "${cell(name)}"`);
      return value as T;
    };
    const flag = (name: string): boolean | undefined => {
      const value = cell(name)?.toLowerCase();
      if (value === undefined) return undefined;
      if (!(value in BOOLEAN)) throw bad(`${name} must be true or false, got "${cell(name)}"`);
      return BOOLEAN[value];
    };
    const integer = (name: string, min: number, max: number): number | undefined => {
      const value = cell(name);
      if (value === undefined) return undefined;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) throw bad(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
      return n;
    };

    const text = cell('text');
    if (!text) throw bad('text is empty');
    const stated = cell(urgencyColumn);
    if (!stated) throw bad(`${urgencyColumn} is empty`);
    const urgency = URGENCY_OF[stated.toLowerCase()];
    if (!urgency) throw bad(`${urgencyColumn} must be P1-P4, high|medium|low or blocker|critical|major|minor|trivial, got "${stated}"`);
    const resolvedTier = integer('resolved_tier', 0, 3);
    return {
      line,
      text,
      urgency: raisedIfBreached(urgency, flag('sla_breached') ?? false),
      needsTier2: resolvedTier === undefined ? undefined : resolvedTier >= 2,
      channel: choice('channel', Channel.options),
      customerTier: choice('customer_tier', CustomerTier.options),
      vip: flag('vip'),
      affectedUsers: integer('affected_users', 1, 10_000_000),
      category: urgencyColumn === 'priority' ? cell('category') : undefined,
    };
  });
};
