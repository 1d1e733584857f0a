import type { Bus } from '@triage/bus';
import type { Store } from '@triage/store';
import { Hono } from 'hono';
import { Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeProcess, createLogger, type Lifecycle } from '../src/index.ts';

// The process only closes its connections, and no worker here uses them.
const closable = { close: async () => {} };

describe('composeProcess with HTTP routes', () => {
  let lifecycle: Lifecycle;
  let api: string;
  let internal: string;

  beforeAll(async () => {
    const registry = new Registry();
    new Counter({ name: 'triage_test_total', help: 'a tenant-labelled series', labelNames: ['tenant'], registers: [registry] })
      .labels('acme')
      .inc();
    const process = composeProcess({
      name: 'process-test',
      store: closable as unknown as Store,
      bus: closable as unknown as Bus,
      logger: createLogger({ service: 'process-test', level: 'error' }),
      registry,
      services: [{ name: 'api', workers: [], http: new Hono().get('/hello', (c) => c.text('hi')) }],
      httpPort: 0,
      healthPort: 0,
      healthHost: '127.0.0.1',
    });
    lifecycle = process.lifecycle;
    await lifecycle.start();
    api = `http://127.0.0.1:${process.httpPort()}`;
    internal = `http://127.0.0.1:${process.healthPort()}`;
  });
  afterAll(() => lifecycle?.stop());

  it('keeps the tenant-labelled metrics off the API port, which still answers the probes and the routes', async () => {
    const res = await fetch(`${api}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('triage_test_total');
    expect(await (await fetch(`${api}/livez`)).text()).toBe('ok');
    expect(await (await fetch(`${api}/readyz`)).text()).toBe('ready');
    expect(await (await fetch(`${api}/hello`)).text()).toBe('hi');
  });

  it('serves them on the internal health port, with the probes', async () => {
    expect(internal).not.toBe(api);
    const metrics = await fetch(`${internal}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('triage_test_total{tenant="acme"} 1');
    expect((await fetch(`${internal}/readyz`)).status).toBe(200);
  });
});
