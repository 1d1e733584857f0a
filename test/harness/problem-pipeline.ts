// The pipeline as separate processes on the real Kafka broker and PostgreSQL + pgvector, with an
// observer of the topics a test reads: what the problem-management tests share.
import { randomBytes } from 'node:crypto';
import { createKafkaBus, type Bus, type Delivery } from '@triage/bus';
import type { Topic, TicketSubmission } from '@triage/contracts';
import { createPgStore, type Store } from '@triage/store';
import { freshDatabase } from './database.ts';
import { startService, type ServiceProcess } from './service-process.ts';

export interface ProblemPipeline {
  store: Store;
  intakeUrl: string;
  /** Events seen on each observed topic, in arrival order. */
  seen: Map<Topic, Delivery<Topic>[]>;
  submit(body: TicketSubmission): Promise<string>;
  /** GET on the API of a service started by name, with the tenant's key unless another (or none) is given. */
  get(service: string, path: string, apiKey?: string | null): Promise<Response>;
  report(ticketId: string, report: Record<string, unknown>): Promise<Response>;
  stop(): Promise<(number | null)[]>;
}

export const startProblemPipeline = async (options: {
  brokers: string;
  databaseUrl: string;
  tenant: string;
  apiKey: string;
  /** Each service by name, as many times as it is listed. */
  services: string[];
  observe: Topic[];
  env?: Record<string, string>;
}): Promise<ProblemPipeline> => {
  const database = await freshDatabase(options.databaseUrl);
  const prefix = `e2e-${randomBytes(4).toString('hex')}.`;
  const env = {
    KAFKA_BROKERS: options.brokers,
    DATABASE_URL: database.url,
    KAFKA_TOPIC_PREFIX: prefix,
    EMBEDDER: 'minilm',
    ...options.env,
  };
  const store = await createPgStore({ url: database.url, embeddingDim: 384 });
  await store.tenants.ensure(options.tenant);
  await store.tenants.createApiKey(options.tenant, options.apiKey);
  const observer: Bus = createKafkaBus({ brokers: [options.brokers], clientId: 'e2e-problems-observer', topicPrefix: prefix });
  const seen = new Map<Topic, Delivery<Topic>[]>(options.observe.map((t) => [t, []]));
  for (const topic of options.observe) {
    await observer.subscribe({
      topic,
      group: `e2e-observer-${topic}`,
      handler: async (batch) => {
        seen.get(topic)!.push(...batch);
        return [];
      },
    });
  }
  // Each on a port of its own: several processes of one machine.
  const services: ServiceProcess[] = await Promise.all(
    [...options.services, 'intake'].map((name) => startService(name, { ...env, PORT: '0' }, 120_000)),
  );
  const urlOf = (name: string) => {
    const port = services.find((s) => s.name === name)?.logs.find((l) => l.msg === 'listening')?.port;
    if (port === undefined) throw new Error(`${name} serves no API here`);
    return `http://127.0.0.1:${port}`;
  };
  const intakeUrl = urlOf('intake');
  const auth = { authorization: `Bearer ${options.apiKey}` };
  return {
    store,
    intakeUrl,
    seen,
    submit: async (body) => {
      const res = await fetch(`${intakeUrl}/v1/tickets`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    },
    get: (service, path, apiKey = options.apiKey) =>
      fetch(`${urlOf(service)}${path}`, { headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` } }),
    report: (ticketId, report) =>
      fetch(`${intakeUrl}/v1/tickets/${ticketId}/events`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(report),
      }),
    stop: async () => {
      const codes = await Promise.all(services.map((s) => s.stop()));
      await observer.close();
      await store.close();
      await database.drop();
      return codes;
    },
  };
};
