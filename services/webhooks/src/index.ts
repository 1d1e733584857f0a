export { WebhooksConfig } from './config.ts';
export { composeWebhooks, type WebhooksServiceDeps } from './service.ts';
export { webhookEventOf, webhookTopics } from './events.ts';
export { createPoster, type Poster } from './post.ts';
export { createSender, type Sender, type SenderOptions } from './sender.ts';
