// The pipeline as separate processes with an observer of the topics a test reads: what the
// problem-management tests share.
import type { Delivery } from '@triage/bus';
import type { Topic, TicketSubmission } from '@triage/contracts';
import type { Store } from '@triage/store';
import { startSystem } from './system.ts';

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
  tenant: string;
  apiKey: string;
  /** Each service by name, as many times as it is listed. */
  services: string[];
  observe: Topic[];
  env?: Record<string, string>;
}): Promise<ProblemPipeline> => {
  const seen = new Map<Topic, Delivery<Topic>[]>(options.observe.map((t) => [t, []]));
  const system = await startSystem({
    name: 'e2e',
    embedder: 'minilm',
    tenants: [{ id: options.tenant, apiKey: options.apiKey }],
    observe: Object.fromEntries(options.observe.map((t) => [t, (batch: Delivery<Topic>[]) => seen.get(t)!.push(...batch)])),
    apis: [...options.services, 'intake'],
    env: options.env,
    startTimeoutMs: 120_000,
  });
  const intakeUrl = system.urlOf('intake');
  return {
    store: system.store,
    intakeUrl,
    seen,
    submit: (body) => system.submit(body),
    get: (service, path, apiKey = options.apiKey) =>
      fetch(`${system.urlOf(service)}${path}`, { headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` } }),
    report: (ticketId, report) =>
      fetch(`${intakeUrl}/v1/tickets/${ticketId}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(report),
      }),
    stop: system.stop,
  };
};
