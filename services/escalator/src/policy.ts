import { z } from 'zod';
import { CustomerTier, Level, Priority, describeIssues } from '@triage/contracts';

const Minutes = z.number().int().positive();

const SlaTarget = z
  .strictObject({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes })
  .refine((t) => t.firstResponseMinutes <= t.resolutionMinutes, 'first response must not be due after resolution');

type SlaTarget = z.infer<typeof SlaTarget>;

const HOUR = 60;
const DAY = 24 * HOUR;
const target = (firstResponseMinutes: number, resolutionMinutes: number): SlaTarget => ({ firstResponseMinutes, resolutionMinutes });

/** Wall-clock targets in the spirit of common ITIL service levels: paying tiers buy faster clocks. */
const DEFAULT_SLA: Record<CustomerTier, Record<Priority, SlaTarget>> = {
  enterprise: { P1: target(15, 4 * HOUR), P2: target(30, 8 * HOUR), P3: target(4 * HOUR, 2 * DAY), P4: target(8 * HOUR, 5 * DAY) },
  pro: { P1: target(30, 8 * HOUR), P2: target(1 * HOUR, 1 * DAY), P3: target(8 * HOUR, 3 * DAY), P4: target(1 * DAY, 7 * DAY) },
  free: { P1: target(1 * HOUR, 1 * DAY), P2: target(4 * HOUR, 2 * DAY), P3: target(1 * DAY, 5 * DAY), P4: target(2 * DAY, 10 * DAY) },
};

// Every cell has its own default so a policy can override one cell without restating the table.
const slaRow = (row: Record<Priority, SlaTarget>) =>
  z
    .strictObject({
      P1: SlaTarget.default(row.P1),
      P2: SlaTarget.default(row.P2),
      P3: SlaTarget.default(row.P3),
      P4: SlaTarget.default(row.P4),
    })
    .prefault({});

const UserCount = z.number().int().positive();

export const EscalationPolicy = z.strictObject({
  sla: z
    .strictObject({ free: slaRow(DEFAULT_SLA.free), pro: slaRow(DEFAULT_SLA.pro), enterprise: slaRow(DEFAULT_SLA.enterprise) })
    .prefault({}),
  vip: z
    .strictObject({
      /** A VIP gets this tier's SLA clock when it is faster than their own. */
      slaTier: CustomerTier.default('enterprise'),
      /** Least impact a VIP's ticket is given. */
      impactFloor: Level.default('medium'),
    })
    .prefault({}),
  impact: z
    .strictObject({
      highAffectedUsers: UserCount.default(100),
      mediumAffectedUsers: UserCount.default(10),
      /** Least impact per customer tier: an enterprise outage of one seat still blocks a contract. */
      tierFloor: z
        .strictObject({ free: Level.default('low'), pro: Level.default('low'), enterprise: Level.default('medium') })
        .prefault({}),
    })
    .prefault({}),
  majorIncident: z
    .strictObject({
      /** An outage reported for at least this many users is a major incident. */
      affectedUsers: UserCount.default(100),
      /** For a VIP enterprise customer a smaller outage already is. */
      vipEnterpriseAffectedUsers: UserCount.default(10),
    })
    .prefault({}),
  routing: z
    .strictObject({
      /** Categorizer confidence below this is treated as a guess. */
      lowConfidence: z.number().min(0).max(1).default(0.5),
      /** Complexity (0..1) from which a ticket goes to a specialist queue. */
      specialistComplexity: z.number().min(0).max(1).default(0.6),
      /** The most urgent priority still allowed to end in self-service. */
      selfServiceMaxPriority: Priority.default('P4'),
    })
    .prefault({}),
  model: z
    .strictObject({
      /**
       * Labeled outcomes (imported history and reported outcomes) a tenant needs, with both high and
       * other urgencies among them, before its escalation model decides; until then the rules do alone.
       */
      minLabeledOutcomes: z.number().int().min(10).default(200),
      /** New labeled outcomes since the last model that make the trainer fit the tenant's again. */
      retrainAfter: z.number().int().positive().default(50),
      /** P(tier 2 or above) from which the model sends a ticket to a specialist. */
      tier2Probability: z.number().min(0).max(1).default(0.5),
    })
    .prefault({}),
  repeatContact: z
    .strictObject({
      /** How far back the customer's earlier tickets count as contact about the same trouble. */
      days: z.number().positive().default(7),
      /** Earlier tickets in that window that make this one a repeat contact. */
      tickets: z.number().int().positive().default(2),
    })
    .prefault({}),
  security: z
    .strictObject({
      /** The least priority a security incident gets, and the one for a VIP or enterprise customer. */
      priority: Priority.default('P2'),
      vipPriority: Priority.default('P1'),
    })
    .prefault({}),
  /**
   * Per-language queues: a ticket detected (at least `minConfidence`) in a language listed here goes
   * to its queue plus the suffix, e.g. `{ es: '-es' }` sends a Spanish ticket to `tier1-service-desk-es`.
   */
  languages: z
    .strictObject({
      suffixes: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().min(1)).default({}),
      minConfidence: z.number().min(0).max(1).default(0.7),
    })
    .prefault({}),
  queues: z
    .strictObject({
      selfService: z.string().min(1).default('tier0-self-service'),
      serviceDesk: z.string().min(1).default('tier1-service-desk'),
      triage: z.string().min(1).default('tier1-triage'),
      /** Tier 2 queues are this prefix plus the category, e.g. `tier2-network`. */
      specialistPrefix: z.string().min(1).default('tier2-'),
      /** P1 tickets and product defects (regressions, stack traces, reproducible errors). */
      engineering: z.string().min(1).default('tier3-engineering'),
      /** Security incidents: account takeover, leaked keys, data exposure. */
      security: z.string().min(1).default('tier3-security'),
      majorIncident: z.string().min(1).default('tier3-major-incident'),
    })
    .prefault({}),
});

export type EscalationPolicy = z.infer<typeof EscalationPolicy>;
export type EscalationPolicyInput = z.input<typeof EscalationPolicy>;

/** Parses a partial policy (defaults fill the rest) or throws naming every bad field. */
export const parseEscalationPolicy = (value: unknown): EscalationPolicy => {
  const result = EscalationPolicy.safeParse(value ?? {});
  if (!result.success) throw new Error(`invalid escalation policy: ${describeIssues(result.error)}`);
  return result.data;
};

export const defaultEscalationPolicy: EscalationPolicy = parseEscalationPolicy({});
