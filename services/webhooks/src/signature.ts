import { Webhook } from 'standardwebhooks';

/**
 * The Standard Webhooks headers of one attempt: HMAC-SHA256 over `id.timestamp.body` with the
 * endpoint's secret. The timestamp is the attempt's, so a receiver can refuse an old message
 * replayed at it, and the id is the event's, so it can drop a repeat.
 */
export const signedHeaders = (secret: string, eventId: string, body: string, at: Date): Record<string, string> => ({
  'webhook-id': eventId,
  'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
  'webhook-signature': new Webhook(secret).sign(eventId, at, body),
});
