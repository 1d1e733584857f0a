import type { CustomerTier, Envelope, Ticket } from '@triage/contracts';

export interface TransactionOptions {
  /** Sets `app.tenant_id` for the transaction: row-level security then shows only this tenant's rows. */
  tenantId?: string;
  /** Further settings local to the transaction (pgvector's search parameters), applied with the tenant. */
  settings?: Record<string, string>;
}

/**
 * The minimal SQL surface both `pg` and PGlite provide; every repository is written against it.
 * The store's connections run as the `triage_app` role, so tenant tables (tickets, stages, articles,
 * chunks, examples, models, deflections) show rows only inside a transaction given a `tenantId`.
 */
export interface Sql {
  /** Without params, `text` may hold several statements; the last one's rows are returned. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction, committed if it resolves and rolled back if it throws. Does not nest. */
  transaction<T>(fn: (tx: Sql) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface TenantKey {
  tenantId: string;
}

export interface WidgetKey {
  tenantId: string;
  allowedOrigins: string[];
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
  title: string;
  url?: string | undefined;
  /** The best-matching chunk of the article. */
  chunk: string;
  /** Cosine similarity of that chunk, 1 = same direction. */
  similarity: number;
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
  /** The article shown first, counted as helpful when resolved and unhelpful when not. */
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

/**
 * Everything Triage persists. Every read and write is tenant-scoped, and a tenant must exist
 * (`tenants.ensure`) before anything is stored for it.
 */
export interface Store {
  readonly sql: Sql;
  tenants: {
    /** Every tenant's id, in order. */
    list(): Promise<string[]>;
    ensure(tenantId: string, name?: string): Promise<void>;
    /**
     * Creates an API key and returns it in clear once; only its hash is kept. `plaintext` lets an
     * operator (or the embedded demo) choose the key instead of generating one.
     */
    createApiKey(tenantId: string, plaintext?: string): Promise<string>;
    resolveApiKey(plaintext: string): Promise<TenantKey | null>;
    createWidgetKey(tenantId: string, allowedOrigins: string[], key?: string): Promise<string>;
    resolveWidgetKey(key: string): Promise<WidgetKey | null>;
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
     * already went out.
     */
    recordStages<T>(tenantId: string, stage: string, records: StageRecord<T>[]): Promise<RecordedStage<T>[]>;
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
    list(tenantId: string): Promise<Article[]>;
    count(tenantId: string): Promise<number>;
  };
  examples: {
    add(tenantId: string, examples: LabeledExample[]): Promise<void>;
    list(tenantId: string): Promise<LabeledExample[]>;
  };
  models: {
    save(tenantId: string, model: Omit<ModelRecord, 'createdAt'>): Promise<void>;
    latest(tenantId: string, name: string): Promise<ModelRecord | null>;
  };
  deflections: {
    create(record: Omit<DeflectionRecord, 'createdAt'>): Promise<void>;
    get(tenantId: string, id: string): Promise<DeflectionRecord | null>;
    /**
     * Records the first feedback on a deflection and everything it causes in one transaction, so a
     * failure leaves the deflection open for a retry. False, storing nothing, when the deflection
     * is unknown or its feedback was already given.
     */
    resolve(tenantId: string, id: string, feedback: DeflectionFeedback): Promise<boolean>;
  };
  close(): Promise<void>;
}
