import { createServer, type Server } from 'node:http';
import type { Component } from './lifecycle.ts';

export interface HealthOptions {
  port: number;
  host?: string;
  /** Ready once the process has finished wiring and consumes or serves. */
  isReady: () => boolean;
  /** Prometheus text exposition for `/metrics`. */
  metrics?: () => Promise<string>;
}

/**
 * `/livez`, `/readyz` and `/metrics` on a process's internal port: one that is not published to
 * clients, since the metrics name tenants.
 */
export const createHealthServer = (options: HealthOptions): Component & { port(): number } => {
  let server: Server | undefined;
  return {
    name: 'health',
    port: () => {
      const address = server?.address();
      return typeof address === 'object' && address ? address.port : options.port;
    },
    async start() {
      server = createServer((req, res) => {
        if (req.url === '/livez') return void res.writeHead(200).end('ok');
        if (req.url === '/readyz') {
          const ready = options.isReady();
          return void res.writeHead(ready ? 200 : 503).end(ready ? 'ready' : 'not ready');
        }
        if (req.url === '/metrics' && options.metrics) {
          options.metrics().then(
            (text) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text),
            () => res.writeHead(500).end('metrics unavailable'),
          );
          return;
        }
        res.writeHead(404).end('not found');
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(options.port, options.host ?? '0.0.0.0', resolve);
      });
    },
    async close() {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },
  };
};
