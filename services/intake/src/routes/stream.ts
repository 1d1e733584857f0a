import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { Topics } from '@triage/contracts';
import type { RoutePosition, Store } from '@triage/store';
import { type ApiEnv, errorBody, errorContent, validationHook } from '@triage/http';
import type { Broadcaster } from '../broadcaster.ts';
import { routedEventOf } from '../routed-event.ts';
import { createWaker } from '../waker.ts';
import { topicSchemaPath } from './docs.ts';

/** Routed tickets read from the store at a time: a long replay goes out page by page. */
const PAGE = 200;
/** How soon to look again while a route just recorded waits for an older transaction to finish. */
const SETTLE_MS = 100;

const streamRoute = createRoute({
  method: 'get',
  path: '/v1/stream/{topic}',
  summary: "Server-sent events of the caller's routed tickets or major incidents, each event's data one envelope",
  description: [
    "Every event's `id` is its ticket's id. After a dropped connection, send the last one received as",
    '`Last-Event-ID` (browsers do): the stream replays every ticket of the topic routed since, in order, each',
    'once, and goes on live. Resuming works from any routed ticket the tenant still has. Without the header',
    'the stream starts now. A `: heartbeat` comment line comes every 15 seconds.',
  ].join(' '),
  request: {
    params: z.object({ topic: z.enum([Topics.ticketsRouted, Topics.incidentsMajor]) }),
    headers: z.object({
      'last-event-id': z.string().min(1).max(200).optional().meta({
        description: 'The `id` of the last event received: the stream resumes after it',
        example: '0b8f4f6e-5f0a-4a4e-9a57-2d0e8f3c1a11',
      }),
    }),
  },
  responses: {
    200: {
      description: [
        'A `text/event-stream`. The first event is `ready` (its data the topic), then the replay after `Last-Event-ID`, then every',
        'ticket routed from then on. Each of those has `event:` the topic, `id:` the ticket id and `data:` one JSON envelope',
        `(\`id\`, \`type\`, \`version\`, \`tenantId\`, \`key\`, \`occurredAt\`, \`payload\`): the routed ticket's handoff packet`,
        `([schema](${topicSchemaPath(Topics.ticketsRouted)})) or the major incident ([schema](${topicSchemaPath(Topics.incidentsMajor)})).`,
      ].join(' '),
      content: {
        'text/event-stream': {
          schema: z.string().meta({ description: 'Server-sent events: `event:`, `id:` and `data:` lines, a blank line after each' }),
          example: [
            'event: ready',
            'data: tickets.routed',
            '',
            'event: tickets.routed',
            'id: 6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa',
            'data: {"id":"b1d3…","type":"tickets.routed","version":1,"tenantId":"acme","key":"6f1c2f64-3a57-4a53-9d0e-61b9d1f0f2aa","occurredAt":"2025-03-04T09:12:03.410Z","payload":{…}}',
            '',
            ': heartbeat',
            '',
          ].join('\n'),
        },
      },
    },
    400: errorContent('`Last-Event-ID` names no routed ticket of this tenant (`unknown_event_id`)'),
    503: errorContent('The topic cannot be read right now (the broker is unreachable)'),
  },
});

export interface StreamOptions {
  store: Store;
  broadcaster: Broadcaster;
  /** Between two `: heartbeat` comments, which keep proxies from closing a quiet stream. */
  heartbeatMs: number;
}

/**
 * `GET /v1/stream/<topic>`: server-sent events of the caller's tenant, for helpdesks without a
 * Kafka client and for `npm run tail` against the embedded default. Events come from the store's
 * record of routed tickets, the one order a resumed stream can continue without a gap or a
 * duplicate; what the topic publishes only says when to look.
 */
export const streamRoutes = ({ store, broadcaster, heartbeatMs }: StreamOptions) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(streamRoute, async (c) => {
    const { topic } = c.req.valid('param');
    const lastEventId = c.req.valid('header')['last-event-id'];
    const tenantId = c.get('tenantId');
    const waker = createWaker();
    let stop: () => void;
    try {
      // Listening first: a route recorded while the start position is read still wakes the stream.
      stop = await broadcaster.listen(topic, tenantId, waker.wake);
    } catch (error) {
      throw new HTTPException(503, {
        message: `the ${topic} stream is unavailable: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    let position: RoutePosition | null;
    try {
      position =
        lastEventId === undefined ? await store.tickets.routePositionNow() : await store.tickets.routePositionOf(tenantId, lastEventId);
    } catch (error) {
      stop();
      throw error;
    }
    if (position === null) {
      stop();
      return c.json(errorBody('unknown_event_id', `Last-Event-ID ${lastEventId} names no routed ticket of this tenant`), 400);
    }
    let after = position;
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => {
        stop();
        waker.wake();
      });
      let heartbeatAt = Date.now() + heartbeatMs;
      await stream.writeSSE({ event: 'ready', data: topic });
      while (!stream.aborted) {
        if (Date.now() >= heartbeatAt) {
          await stream.write(': heartbeat\n\n');
          heartbeatAt = Date.now() + heartbeatMs;
        }
        const { routed, pending } = await store.tickets.routedAfter(tenantId, after, PAGE);
        for (const ticket of routed) {
          after = ticket.position;
          const event = routedEventOf(topic, ticket);
          if (event) await stream.writeSSE({ id: event.key, event: topic, data: JSON.stringify(event) });
        }
        if (routed.length === PAGE) continue;
        await waker.sleep(Math.min(heartbeatAt - Date.now(), pending ? SETTLE_MS : Number.POSITIVE_INFINITY));
      }
      stop();
    });
  });
