import { randomBytes } from 'node:crypto';
import type { DeadDelivery, Store, WebhookEndpoint } from '@triage/store';
import { checkEndpointUrl } from '@triage/webhook-policy';
import type { z } from 'zod';
import { UnknownWebhook } from './errors.ts';
import { CreateWebhook, DeadQuery, Replay, WebhookParams } from './webhook-schemas.ts';

export interface WebhookInfo {
  id: string;
  tenantId: string;
  url: string;
  events: string[];
  enabled: boolean;
  createdAt: string;
}

export interface CreatedWebhook extends WebhookInfo {
  secret: string;
}

export interface WebhookOperations {
  createWebhook(tenantId: string, input: { url: string; events: string[] }): Promise<CreatedWebhook>;
  listWebhooks(tenantId: string): Promise<WebhookInfo[]>;
  setWebhookEnabled(id: string, enabled: boolean): Promise<WebhookInfo>;
  listDeadDeliveries(id: string, limit?: number): Promise<DeadDelivery[]>;
  /** Every dead delivery of the endpoint, or the one named, is sent again from the first attempt. */
  replayDeadDeliveries(id: string, deliveryId?: string): Promise<{ replayed: number }>;
}

export interface WebhookOperationsDeps {
  store: Store;
  /** Validates input with the API's schemas (see `adminOperations`). */
  valid: <S extends z.ZodType>(schema: S, input: unknown) => z.infer<S>;
  existingTenant: (tenantId: string) => Promise<string>;
  /** WEBHOOKS_ALLOW_PRIVATE: endpoints on private or loopback addresses, and over http. */
  allowPrivate: boolean;
}

const info = ({ id, tenantId, url, eventTypes, enabled, createdAt }: WebhookEndpoint): WebhookInfo => ({
  id,
  tenantId,
  url,
  events: eventTypes,
  enabled,
  createdAt,
});

/** The Standard Webhooks secret format: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export const webhookOperations = ({ store, valid, existingTenant, allowPrivate }: WebhookOperationsDeps): WebhookOperations => {
  const endpoint = async (id: string) => {
    const found = await store.webhooks.getEndpoint(valid(WebhookParams, { id }).id);
    if (!found) throw new UnknownWebhook(id);
    return found;
  };

  return {
    async createWebhook(tenantId, input) {
      const { url, events } = valid(CreateWebhook, input);
      const tenant = await existingTenant(tenantId);
      // Refused here already, so the operator hears of it; the sender checks again on every connection.
      await checkEndpointUrl(url, allowPrivate);
      const secret = newSecret();
      const created = await store.webhooks.createEndpoint({ tenantId: tenant, url, eventTypes: [...new Set(events)], secret });
      return { ...info(created), secret };
    },

    listWebhooks: async (tenantId) => (await store.webhooks.listEndpoints(await existingTenant(tenantId))).map(info),

    async setWebhookEnabled(id, enabled) {
      const { id: found } = await endpoint(id);
      await store.webhooks.setEnabled(found, enabled);
      return info(await endpoint(found));
    },

    listDeadDeliveries: async (id, limit) => store.webhooks.listDead((await endpoint(id)).id, valid(DeadQuery, { limit }).limit),

    async replayDeadDeliveries(id, deliveryId) {
      valid(Replay, { deliveryId });
      return { replayed: await store.webhooks.replayDead((await endpoint(id)).id, deliveryId) };
    },
  };
};
