import type { Bus } from '@triage/bus';
import type { Store } from '@triage/store';
import type { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { Component } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import type { Worker } from './worker.ts';

/** What every service is composed from, whether it runs as its own process or inside the embedded default. */
export interface ServiceDeps {
  store: Store;
  bus: Bus;
  logger: Logger;
  /** Where the service registers its Prometheus metrics (served at `/metrics`). */
  registry: Registry;
  /** Names this process in consumer groups and transactional ids; two instances never share one. */
  instanceId: string;
}

/**
 * A composed service. Its `compose` function builds these parts for its own `main.ts` and for the
 * embedded default alike, so the two can never wire a service differently.
 */
export interface ServiceParts {
  name: string;
  /** Consumers, subscribed once every component has started. */
  workers: Worker[];
  /** Parts started before the workers and stopped after them (a relay, an index warm-up, a stream fan-out). */
  components?: Component[];
  /** The service's HTTP routes, served after everything else has started. */
  // biome-ignore lint/suspicious/noExplicitAny: each service's app declares its own context variables.
  http?: Hono<any>;
}
