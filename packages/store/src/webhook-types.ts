/** An endpoint a tenant registered; its secret is read only by the sender. */
export interface WebhookEndpoint {
  id: string;
  tenantId: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
}

export interface NewWebhookEndpoint {
  tenantId: string;
  url: string;
  eventTypes: string[];
  secret: string;
}

/** One event for a tenant's endpoints: a delivery is stored for each enabled endpoint subscribed to its type. */
export interface WebhookEvent {
  tenantId: string;
  /** Stable across redeliveries of the event: one delivery per (endpoint, id). */
  id: string;
  type: string;
  ticketId: string;
  body: string;
}

/** A delivery claimed for one attempt, with what is needed to sign and send it. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  ticketId: string;
  body: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

export interface DeadDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  ticketId: string;
  attempts: number;
  /** The last attempt's HTTP status or error. */
  reason: string;
  createdAt: string;
  diedAt: string;
}

export interface WebhooksRepository {
  createEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  /** A tenant's endpoints, oldest first. */
  listEndpoints(tenantId: string): Promise<WebhookEndpoint[]>;
  getEndpoint(id: string): Promise<WebhookEndpoint | null>;
  /** False when no endpoint has this id. */
  setEnabled(id: string, enabled: boolean): Promise<boolean>;
  /** Stores the deliveries of these events, in their order; ones already stored are kept as they are. Returns how many are new. */
  enqueue(events: WebhookEvent[]): Promise<number>;
  /**
   * Leases up to `limit` due deliveries for `leaseMs`: at most `perEndpoint` in flight per endpoint
   * (counting other senders' leases), and of each (endpoint, ticket) only the oldest pending one.
   */
  claim(limit: number, perEndpoint: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  delivered(id: string): Promise<void>;
  /** A failed attempt: due again at `retryAt`, or dead when that is null. */
  failed(id: string, reason: string, retryAt: Date | null): Promise<void>;
  /** An endpoint's dead deliveries, oldest first. */
  listDead(endpointId: string, limit: number): Promise<DeadDelivery[]>;
  /** Makes dead deliveries (one, or every one of the endpoint) due now with fresh attempts; returns how many. */
  replayDead(endpointId: string, deliveryId?: string): Promise<number>;
  /** How many of an endpoint's deliveries are pending, delivered and dead. */
  counts(endpointId: string): Promise<{ pending: number; delivered: number; dead: number }>;
}
