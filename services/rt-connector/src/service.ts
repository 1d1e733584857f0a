import type { ServiceDeps, ServiceParts } from '@triage/runtime';
import type { RtConnectorConfig } from './config.ts';
import { ensureRtFields } from './custom-fields.ts';
import { createInboundPoller } from './inbound.ts';
import { createOutboundWorker } from './outbound.ts';
import { createRtClient } from './rt-client.ts';
import { loadRtTenants } from './tenants.ts';

export interface RtConnectorDeps extends ServiceDeps {
  config: RtConnectorConfig;
}

/**
 * The Request Tracker 5 connector: routed tickets of the configured tenants become RT tickets,
 * and what agents do in RT comes back as lifecycle reports on `tickets.lifecycle`.
 */
export const composeRtConnector = async (deps: RtConnectorDeps): Promise<ServiceParts & { inbound: { pollOnce(): Promise<number> } }> => {
  const { config, logger } = deps;
  const tenants = await loadRtTenants(config.RT_TENANTS_FILE);
  const client = { url: config.RT_URL, user: config.RT_USER, password: config.RT_PASSWORD, logger };
  const rt = createRtClient(client);
  const stop = new AbortController();
  const inbound = createInboundPoller({
    store: deps.store,
    bus: deps.bus,
    rt: createRtClient({ ...client, signal: stop.signal }),
    logger,
    source: config.RT_URL,
    pollIntervalMs: config.RT_POLL_INTERVAL_MS,
    stop,
  });
  return {
    name: 'rt-connector',
    inbound,
    components: [{ name: 'rt-fields', start: () => ensureRtFields(rt) }, inbound],
    workers: [createOutboundWorker({ store: deps.store, rt, tenants, logger, concurrency: config.RT_CONCURRENCY })],
  };
};
