export { addressRefusal } from './addresses.ts';
export { WebhookEgressConfig } from './config.ts';
export { checkEndpointUrl, guardedLookup, literalHostRefusal, WebhookUrlRefused } from './endpoint-url.ts';
export { WebhookEventType } from './event-types.ts';
