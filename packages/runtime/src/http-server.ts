import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Component, Logger } from '@triage/runtime';
import { answerClientError } from './client-errors.ts';

/** The API's listener as a lifecycle part: draining stops accepting and waits for open requests. */
export const httpServerComponent = (app: { fetch: Hono['fetch'] }, port: number, logger: Logger): Component & { port(): number } => {
  let server: ServerType | undefined;
  let boundPort = port;
  return {
    name: 'http',
    port: () => boundPort,
    async start() {
      await new Promise<void>((resolve, reject) => {
        server = serve({ fetch: app.fetch, port, hostname: '0.0.0.0' }, (info) => {
          boundPort = info.port;
          logger.info('listening', { port: info.port });
          resolve();
        });
        server.once('error', reject);
        server.on('clientError', answerClientError);
      });
    },
    async drain() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
};
