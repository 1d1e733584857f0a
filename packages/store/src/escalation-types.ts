import type { Priority } from '@triage/contracts';

export type EscalationUrgency = 'high' | 'medium' | 'low';

/** What the escalation model reads of a ticket besides its words. */
export interface EscalationFeatures {
  /** The sentence embedding and the embedder that made it, when there was one. */
  embedding?: { embedder: string; values: number[] } | undefined;
  /** Structured features by name (see @triage/ml's StructuredFeatures). */
  structured: Record<string, number>;
}

/** A row of a tenant's imported history, labeled by its outcome. */
export interface EscalationHistoryRow extends EscalationFeatures {
  text: string;
  urgency: EscalationUrgency;
  /** Whether tier 2 or above resolved it; undefined when the row does not say. */
  needsTier2?: boolean | undefined;
  source: string;
  line: number;
}

/** A ticket Triage assessed whose outcome the lifecycle reported: the raw facts labels are made of. */
export interface EscalationOutcomeRow {
  ticketId: string;
  text: string;
  /** What the escalator recorded with its decision; undefined for decisions recorded before it did. */
  features: EscalationFeatures | undefined;
  assessed: { priority: Priority; tier: number };
  /** What the agents settled on, when they set it. */
  agentPriority?: Priority | undefined;
  agentTier?: number | undefined;
  /** Some SLA clock of the ticket breached. */
  breached: boolean;
  reopened: boolean;
}

export interface EscalationRepository {
  /** Adds imported history rows, in order, in one transaction. */
  addHistory(tenantId: string, rows: EscalationHistoryRow[]): Promise<void>;
  /** The tenant's imported history, oldest first. */
  history(tenantId: string): Promise<EscalationHistoryRow[]>;
  /** The tenant's assessed tickets that have an outcome, oldest outcome first. */
  outcomes(tenantId: string): Promise<EscalationOutcomeRow[]>;
  /** How many history rows and outcomes with recorded features the tenant has: its labeled examples. */
  labeledCount(tenantId: string): Promise<number>;
  /**
   * Per customer id, how many of the tenant's tickets from that customer arrived at or after `since`
   * (ISO), counted up to `upTo`.
   */
  recentTickets(tenantId: string, customerIds: readonly string[], since: string, upTo: number): Promise<Map<string, number>>;
}
