import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { Topics, type Topic } from '@triage/contracts';
import type { Broadcaster } from '../broadcaster.ts';
import { errorBody } from '../http-errors.ts';
import type { IntakeEnv } from '../env.ts';

export const streamableTopics: Topic[] = [Topics.ticketsRouted, Topics.incidentsMajor];

/**
 * `GET /v1/stream/<topic>`: server-sent events of the caller's tenant, for helpdesks without a
 * Kafka client and for `npm run tail` against the embedded default.
 */
export const streamRoutes = (broadcaster: Broadcaster) =>
  new Hono<IntakeEnv>().get('/v1/stream/:topic', (c) => {
    const topic = c.req.param('topic') as Topic;
    if (!streamableTopics.includes(topic)) {
      return c.json(errorBody('not_found', `streamable topics: ${streamableTopics.join(', ')}`), 404);
    }
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const stop = broadcaster.listen(topic, c.get('tenantId'), (event) => {
        queue.push(JSON.stringify(event));
        wake?.();
      });
      stream.onAbort(stop);
      await stream.writeSSE({ event: 'ready', data: topic });
      while (!stream.aborted) {
        const data = queue.shift();
        if (data !== undefined) await stream.writeSSE({ event: topic, data });
        else await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 15_000)));
      }
      stop();
    });
  });
