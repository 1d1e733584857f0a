import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { Topics } from '@triage/contracts';
import { type ApiEnv, errorContent, validationHook } from '@triage/http';
import type { Broadcaster } from '../broadcaster.ts';

const streamRoute = createRoute({
  method: 'get',
  path: '/v1/stream/{topic}',
  summary: "Server-sent events of the caller's routed tickets or major incidents, each event's data one envelope",
  request: { params: z.object({ topic: z.enum([Topics.ticketsRouted, Topics.incidentsMajor]) }) },
  responses: {
    200: {
      description: 'An event stream; the first event is `ready`, and every event published after it follows',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    503: errorContent('The topic cannot be read right now (the broker is unreachable)'),
  },
});

/**
 * `GET /v1/stream/<topic>`: server-sent events of the caller's tenant, for helpdesks without a
 * Kafka client and for `npm run tail` against the embedded default.
 */
export const streamRoutes = (broadcaster: Broadcaster) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(streamRoute, async (c) => {
    const { topic } = c.req.valid('param');
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let stop: () => void;
    try {
      stop = await broadcaster.listen(topic, c.get('tenantId'), (event) => {
        queue.push(JSON.stringify(event));
        wake?.();
      });
    } catch (error) {
      throw new HTTPException(503, {
        message: `the ${topic} stream is unavailable: ${error instanceof Error ? error.message : String(error)}`,
        cause: error,
      });
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(stop);
      await stream.writeSSE({ event: 'ready', data: topic });
      while (!stream.aborted) {
        const data = queue.shift();
        if (data !== undefined) await stream.writeSSE({ event: topic, data });
        else {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 15_000);
          });
        }
      }
      stop();
    });
  });
