import type { EscalationRepository } from './escalation-types.ts';
import type { KnowledgeLoopRepository } from './knowledge-loop-types.ts';
import type { TicketHistoryRepository } from './history-types.ts';
import type { RtTicketsRepository } from './rt-types.ts';
import type { SlaDeadlinesRepository } from './sla-types.ts';
import type { WebhooksRepository } from './webhook-types.ts';
import type { IncidentsRepository, ProblemsRepository, TicketVectorInput, TicketVectorsRepository } from './problem-types.ts';
import type { CustomerTier, Envelope, LifecycleReport, Priority, Ticket, TicketStatus } from '@triage/contracts';
import type { Sql } from './sql-types.ts';

export interface TenantKey {
  tenantId: string;
}

export interface WidgetKey {
  tenantId: string;
  allowedOrigins: string[];
}

export interface TenantSummary {
  id: string;
  name?: string | undefined;
  createdAt: string;
  /** Keys not revoked. */
  apiKeys: number;
  widgetKeys: number;
}

/** A key just created: the only time it is seen in clear. */
export interface IssuedKey {
  /** Names the key from now on (to revoke it); not a secret. */
  id: string;
  key: string;
  prefix: string;
  createdAt: string;
}

/** What a listing shows of a key: never the key itself. */
export interface KeyInfo {
  id: string;
  kind: 'api' | 'widget';
  prefix: string;
  allowedOrigins?: string[] | undefined;
  createdAt: string;
  revokedAt?: string | undefined;
}

export interface CustomerInput {
  /** The tenant's own id for the customer, as tickets carry it in `customer.id`. */
  id: string;
  tier: CustomerTier;
  vip: boolean;
}

export interface CustomerRecord extends CustomerInput {
  updatedAt: string;
}

export interface StageRecord<T> {
  ticketId: string;
  output: T;
  source: string;
}

export interface RecordedStage<T> {
  output: T;
  firstTime: boolean;
  source: string;
}

export interface StoredTicket {
  ticket: Ticket;
  /** Output of each completed stage, by stage name (categorize, retrieve, assess, route). */
  stages: Record<string, unknown>;
  createdAt: string;
}

/**
 * Where a stream of a tenant's routed tickets stands: just after this route record, in the order
 * (recording transaction, ticket id) that records settle in.
 */
export interface RoutePosition {
  /** The recording transaction's id (xid8, as text). */
  xid: string;
  ticketId: string;
}

export interface RoutedTicket extends StoredTicket {
  position: RoutePosition;
  routedAt: string;
}

export interface TicketFilter {
  status?: TicketStatus | undefined;
  queue?: string | undefined;
  priority?: Priority | undefined;
  /** ISO time: only tickets routed at or after it. */
  routedSince?: string | undefined;
}

export interface TicketSummary {
  id: string;
  status: TicketStatus;
  subject: string;
  channel: string;
  customerId: string;
  createdAt: string;
  priority?: Priority | undefined;
  queue?: string | undefined;
  routedAt?: string | undefined;
}

export interface TicketPage {
  tickets: TicketSummary[];
  /** The last listed ticket's id, when more tickets follow it. */
  next?: string | undefined;
}

export interface ArticleInput {
  /** Stable id within the tenant (e.g. the source's id or file name). */
  id: string;
  title: string;
  body: string;
  url?: string | undefined;
  chunks: { text: string; embedding: number[] }[];
}

export interface Article {
  id: string;
  title: string;
  body: string;
  url?: string | undefined;
}

export interface ChunkHit {
  articleId: string;
  /** Which of the article's chunks matched best: its index in the chunks it was upserted with. */
  ord: number;
  /** Cosine similarity of that chunk, 1 = same direction. */
  similarity: number;
}

/** One stored chunk's vector, as upserted. */
export interface ChunkVector {
  articleId: string;
  ord: number;
  embedding: number[];
}

export interface LabeledExample {
  text: string;
  category: string;
  kind?: 'incident' | 'service_request' | undefined;
  source: 'seed' | 'import' | 'correction';
  ticketId?: string | undefined;
}

export interface ModelRecord {
  name: string;
  version: string;
  createdAt: string;
  /** Opaque serialized model (the ml package owns the format). */
  data: Uint8Array;
  metrics: Record<string, unknown>;
}

export interface OutboxRow {
  id: number;
  topic: string;
  event: Envelope;
}

export interface OutgoingEvent {
  topic: string;
  event: Envelope;
}

export interface Idempotency {
  /** The client's idempotency key, unique per tenant. */
  key: string;
  /** Identifies the request the key came with (a hash of its body): a retry matches, a new request does not. */
  fingerprint: string;
}

export interface DeflectionFeedback {
  outcome: 'resolved' | 'unresolved';
  /** The article the verdict is for (the one opened, else the top answer): helpful when resolved, unhelpful when not. */
  votedArticleId?: string | undefined;
  /** The ticket an unresolved deflection opens. */
  ticket?: Ticket | undefined;
  /** The ticket's events and the deflection's own, in outbox order. */
  events: OutgoingEvent[];
}

export interface DeflectionRecord {
  id: string;
  tenantId: string;
  question: string;
  solutions: unknown[];
  deflectable: boolean;
  confidence: number;
  outcome: 'shown' | 'resolved' | 'unresolved';
  ticketId?: string | undefined;
  createdAt: string;
}

/** A report on a ticket's lifecycle timeline, as stored. */
export interface LifecycleEntry {
  report: LifecycleReport;
  receivedAt: string;
  /** Order of arrival (across the tenant's tickets): breaks ties between reports that happened at once. */
  seq: number;
}

/** What the agents settled on for a ticket: the labels the escalation model learns from. */
export interface TicketOutcome {
  category?: string | undefined;
  priority?: Priority | undefined;
  tier?: number | undefined;
}

/** A ticket a lifecycle decision is about: as stored, with its timeline in order of arrival. */
export interface LifecycleTicket {
  stored: StoredTicket;
  timeline: LifecycleEntry[];
}

/** What a lifecycle decision writes, in the transaction that read the timelines it decided on. */
export interface LifecycleWrite<R> {
  /** Reports to add to their tickets' timelines, in order of arrival. */
  reports: { ticketId: string; report: LifecycleReport }[];
  events: OutgoingEvent[];
  examples: LabeledExample[];
  /** Replaces the outcome of each ticket it names. */
  outcomes: ReadonlyMap<string, TicketOutcome>;
  /** What `apply` returns. */
  result: R;
}

/**
 * Everything Triage persists. Every read and write is tenant-scoped, and a tenant must exist
 * (`tenants.ensure`) before anything is stored for it.
 */
export interface Store {
  readonly sql: Sql;
  tenants: {
    /** Every tenant's id, in order. */
    list(): Promise<string[]>;
    /** Every tenant with how many live keys it has, in order. */
    summaries(): Promise<TenantSummary[]>;
    /** Creates the tenant, or updates its name; for processes that seed their own tenant. */
    ensure(tenantId: string, name?: string): Promise<void>;
    /** Creates a new tenant; throws `TenantExists` if it is not new. */
    create(tenantId: string, name?: string): Promise<void>;
    /**
     * Creates an API key and returns it in clear once; only its hash is kept. `plaintext` lets an
     * operator (or the embedded demo) choose the key instead of generating one. Throws
     * `UnknownTenant` for a tenant that does not exist.
     */
    createApiKey(tenantId: string, plaintext?: string): Promise<IssuedKey>;
    resolveApiKey(plaintext: string): Promise<TenantKey | null>;
    /** As `createApiKey`, for a key the widget may use from `allowedOrigins` only. */
    createWidgetKey(tenantId: string, allowedOrigins: string[], key?: string): Promise<IssuedKey>;
    resolveWidgetKey(key: string): Promise<WidgetKey | null>;
    /** The tenant's API and widget keys, revoked ones too, oldest first. */
    listKeys(tenantId: string): Promise<KeyInfo[]>;
    /** Revokes the API or widget key with this id: false when no live key has it. */
    revokeKey(id: string): Promise<boolean>;
    /** Whether some live widget key, of any tenant, may be used from `origin` (or from any site). */
    widgetOriginAllowed(origin: string): Promise<boolean>;
    /**
     * Sets the secret the tenant's site signs its users' ids with for the widget (hex HMAC-SHA256
     * of the id) and returns it; generated unless chosen. Replaces the previous one, whose
     * signatures stop verifying. Throws `UnknownTenant` for a tenant that does not exist.
     */
    setIdentitySecret(tenantId: string, secret?: string): Promise<string>;
    /** The tenant's widget identity secret, or null when none was set: its widget users are then all anonymous. */
    identitySecret(tenantId: string): Promise<string | null>;
  };
  customers: {
    /** Inserts or replaces the tenant's customers in one statement; a customer listed twice keeps its last row. */
    upsert(tenantId: string, customers: CustomerInput[]): Promise<void>;
    get(tenantId: string, customerId: string): Promise<CustomerRecord | null>;
  };
  tickets: {
    /**
     * Stores the ticket and its outgoing events in one transaction (outbox). With an idempotency
     * key this tenant already used for the same request, stores nothing and returns the existing
     * ticket's id; with one used for another request, throws `IdempotencyKeyReused`.
     */
    create(ticket: Ticket, events: OutgoingEvent[], idempotency?: Idempotency): Promise<{ id: string; created: boolean }>;
    get(tenantId: string, ticketId: string): Promise<StoredTicket | null>;
    /**
     * Records a stage's output for each of a tenant's tickets once, with the delivery (`source`)
     * that produced it, in one transaction. Returns, in input order, what was stored first: a
     * redelivery of that same delivery re-emits it; any other source (a ticket already recorded,
     * or one listed twice in `records` from two deliveries) is a duplicate input whose output
     * already went out. `vectors` are stored in the same transaction, as `ticketVectors.add` stores them.
     */
    recordStages<T>(tenantId: string, stage: string, records: StageRecord<T>[], vectors?: TicketVectorInput[]): Promise<RecordedStage<T>[]>;
    /** The position before every route recorded from now on (and a few settling just now). */
    routePositionNow(): Promise<RoutePosition>;
    /** The position just after this ticket's route; null when the tenant has no such routed ticket. */
    routePositionOf(tenantId: string, ticketId: string): Promise<RoutePosition | null>;
    /**
     * Up to `limit` of the tenant's routed tickets after `position`, in order, only those whose
     * position no later record can precede; `pending` when others after `position` are still settling.
     */
    routedAfter(tenantId: string, position: RoutePosition, limit: number): Promise<{ routed: RoutedTicket[]; pending: boolean }>;
    /** Newest first, `limit` at most, after the ticket `after`; null when the tenant has no ticket `after`. */
    list(tenantId: string, filter: TicketFilter, page: { after?: string | undefined; limit: number }): Promise<TicketPage | null>;
  };
  outbox: {
    /** Locks and returns up to `limit` unsent rows (SKIP LOCKED), oldest first, inside `fn`; marks them sent if `fn` resolves. */
    drain(limit: number, fn: (rows: OutboxRow[]) => Promise<void>): Promise<number>;
    /** Adds events outside a ticket creation (deflection events, model updates). */
    enqueue(tenantId: string, events: OutgoingEvent[]): Promise<void>;
  };
  kb: {
    /** Inserts or replaces articles with their chunk embeddings. */
    upsert(tenantId: string, articles: ArticleInput[]): Promise<void>;
    /** Top `k` articles by their best chunk's cosine similarity (HNSW), this tenant's only. */
    searchDense(tenantId: string, embedding: number[], k: number): Promise<ChunkHit[]>;
    /** The same, each hit with its article: for when the hits are the answers, with no fusion after. */
    searchDenseArticles(tenantId: string, embedding: number[], k: number): Promise<(ChunkHit & { article: Article })[]>;
    /** Every chunk vector of this tenant's, by article and chunk; null when there are more than `max`. */
    chunkVectors(tenantId: string, max: number): Promise<ChunkVector[] | null>;
    list(tenantId: string): Promise<Article[]>;
    /** One of this tenant's articles, or null when it has none by that id. */
    get(tenantId: string, id: string): Promise<Article | null>;
    count(tenantId: string): Promise<number>;
  };
  examples: {
    add(tenantId: string, examples: LabeledExample[]): Promise<void>;
    list(tenantId: string): Promise<LabeledExample[]>;
    /** The categories the tenant's labeled examples name, in order. */
    categories(tenantId: string): Promise<string[]>;
  };
  models: {
    save(tenantId: string, model: Omit<ModelRecord, 'createdAt'>): Promise<void>;
    latest(tenantId: string, name: string): Promise<ModelRecord | null>;
  };
  deflections: {
    create(record: Omit<DeflectionRecord, 'createdAt'>, events?: OutgoingEvent[]): Promise<void>;
    get(tenantId: string, id: string): Promise<DeflectionRecord | null>;
    /**
     * Records the first feedback on a deflection and everything it causes in one transaction, so a
     * failure leaves the deflection open for a retry. False, storing nothing, when the deflection
     * is unknown or its feedback was already given.
     */
    resolve(tenantId: string, id: string, feedback: DeflectionFeedback): Promise<boolean>;
  };
  lifecycle: {
    /**
     * Locks the tenant's tickets of `ticketIds` in id order (concurrent calls over the same tickets
     * take turns, and never deadlock), hands `decide` those that exist, by id, and writes what it
     * returns, all in one transaction. Throws `ReportIdTaken`, writing nothing, when a report's id
     * is already another ticket's, or an earlier report's of the same write on another ticket.
     */
    apply<R>(
      tenantId: string,
      ticketIds: readonly string[],
      decide: (tickets: ReadonlyMap<string, LifecycleTicket>) => LifecycleWrite<R>,
    ): Promise<R>;
    /** The ticket's timeline in order of arrival; empty when the tenant has no such ticket. */
    timeline(tenantId: string, ticketId: string): Promise<LifecycleEntry[]>;
    outcome(tenantId: string, ticketId: string): Promise<TicketOutcome | null>;
  };
  /** The SLA watch's deadlines (not tenant-scoped: every watch scans every tenant's). */
  slaDeadlines: SlaDeadlinesRepository;
  /** The Request Tracker connector's ticket mapping and transaction cursor (not tenant-scoped). */
  rtTickets: RtTicketsRepository;
  webhooks: WebhooksRepository;
  /** A period's tickets with their routing and lifecycle, for the operations page's trends. */
  ticketHistory: TicketHistoryRepository;
  /** The escalation model's training data: imported history, outcomes, the customer's recent tickets. */
  escalation: EscalationRepository;
  /** Knowledge gaps with their draft articles, and how articles fare. */
  knowledgeLoop: KnowledgeLoopRepository;
  /** Each ticket's embedding: related tickets and grouping. */
  ticketVectors: TicketVectorsRepository;
  incidents: IncidentsRepository;
  problems: ProblemsRepository;
  close(): Promise<void>;
}
