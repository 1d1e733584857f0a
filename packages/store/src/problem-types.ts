import type { OutgoingEvent } from './types.ts';

/** A ticket's embedding as the categorizer computed it, with what grouping filters on. */
export interface TicketVectorInput {
  ticketId: string;
  customerId: string;
  category: string;
  embedding: number[];
}

/** Where a ticket stands for the agent reading a related one: resolved and closed ones may carry notes. */
export type RelatedState = 'open' | 'resolved' | 'closed';

export interface RelatedTicketRow {
  ticketId: string;
  subject: string;
  /** Cosine similarity of the two tickets' vectors, 1 = same direction. */
  similarity: number;
  state: RelatedState;
  receivedAt: string;
  resolvedAt?: string | undefined;
  /** The last resolution's notes, when the ticket was resolved. */
  resolutionNotes?: string | undefined;
}

export interface RelatedQuery {
  limit: number;
  minSimilarity: number;
  /** ISO time: resolved or closed tickets whose resolution is older are left out. */
  resolvedSince: string;
}

export interface TicketVectorsRepository {
  /** Stores each ticket's vector in one statement; a ticket stored before keeps its first vector. */
  add(tenantId: string, vectors: TicketVectorInput[]): Promise<void>;
  /**
   * The tenant's tickets nearest to this one's stored vector (HNSW), best first, open or recently
   * resolved; empty when the ticket has no vector.
   */
  related(tenantId: string, ticketId: string, query: RelatedQuery): Promise<RelatedTicketRow[]>;
}

export interface IncidentReport {
  ticketId: string;
  customerId: string;
  category: string;
  /** ISO time the customer reported it. */
  reportedAt: string;
}

export interface IncidentMatch {
  /** How long after its last report an incident stays open to new reports. */
  windowMs: number;
  /** A report joins an incident whose member it is this similar to, */
  minSimilarity: number;
  /** or, when true, one of the same category. */
  byCategory: boolean;
}

export interface IncidentMembership {
  incidentId: string;
  action: 'opened' | 'joined';
  tickets: number;
  customers: string[];
  firstReportAt: string;
  lastReportAt: string;
}

export interface IncidentsRepository {
  /**
   * Adds a major-incident report to the open incident it matches, or opens one, under the tenant's
   * lock so simultaneous reports of one outage make one incident. A ticket reported again finds
   * the incident it joined.
   */
  report(tenantId: string, report: IncidentReport, match: IncidentMatch): Promise<IncidentMembership>;
}

/** What the problem detector keeps of each routed ticket. */
export interface ProblemTicket {
  ticketId: string;
  customerId: string;
  category: string;
  /** The area the ticket names (its own field, else what its words name), else its category. */
  productArea: string;
  subject: string;
  /** Error codes, exception lines and quoted messages, as written. */
  errorStrings: string[];
  versions: string[];
  excerpt: string;
  routedAt: string;
  resolvedAt?: string | undefined;
  resolution?: string | undefined;
}

export interface StoredProblem<R> {
  id: string;
  state: 'open' | 'resolved';
  category: string;
  signature: string[];
  record: R;
}

/** An unassigned ticket of the window, or an open problem, with its similarity to the new ticket. */
export type Similar<T> = T & { similarity: number };

export interface ProblemWindow {
  /** ISO time: the window's start. */
  since: string;
  minSimilarity: number;
  /** How far back the category's usual rate is measured, before the window. */
  historyMs: number;
}

export interface ProblemNeighbourhood<R> {
  /** The ticket was seen before (a redelivery): nothing more should change. */
  seen: boolean;
  /** Unassigned tickets of the window at least `minSimilarity` alike, the new one excluded. */
  candidates: Similar<ProblemTicket>[];
  /** Open problems, each with its best similarity between the ticket and a member. */
  open: Similar<StoredProblem<R>>[];
  /** The category's tickets within the window, and in the history before it. */
  categoryCounts: { inWindow: number; history: number; historySinceMs: number };
}

export interface ProblemWrite<R, T> {
  /** A problem opened or changed, with the tickets that join it. */
  problem?: { value: StoredProblem<R>; members: string[] } | undefined;
  events: OutgoingEvent[];
  result: T;
}

export interface ProblemView<R> extends StoredProblem<R> {
  members: ProblemTicket[];
  openedAt: string;
  updatedAt: string;
}

export interface ProblemsRepository {
  /**
   * Records a routed ticket in the tenant's window and hands `decide` its neighbourhood; writes the
   * problem and events `decide` returns, all in one transaction under the tenant's lock.
   */
  observe<R, T>(
    tenantId: string,
    ticket: ProblemTicket,
    window: ProblemWindow,
    decide: (hood: ProblemNeighbourhood<R>) => ProblemWrite<R, T>,
  ): Promise<T>;
  /**
   * Marks a member ticket resolved and hands `decide` its open problem with every member; writes
   * what it returns in the same transaction. Returns undefined, deciding nothing, for a ticket in
   * no open problem.
   */
  resolveMember<R, T>(
    tenantId: string,
    resolution: { ticketId: string; at: string; notes?: string | undefined },
    decide: (problem: ProblemView<R>) => ProblemWrite<R, T>,
  ): Promise<T | undefined>;
  /** Newest first; `state` filters. */
  list<R>(tenantId: string, filter: { state?: 'open' | 'resolved' | undefined; limit: number }): Promise<ProblemView<R>[]>;
  get<R>(tenantId: string, id: string): Promise<ProblemView<R> | null>;
}
