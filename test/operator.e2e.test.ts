// The README's operator flow, on the standalone services over real Kafka and PostgreSQL: a tenant,
// its keys and customers made with `npm run admin`, a ticket posted with the new key and routed,
// and a key revoked through the admin API.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IssuedKey } from '@triage/store';
import { runDuringFile, startSystem, type System } from './harness/system.ts';
import { vipOutage } from './harness/tickets.ts';
import { waitFor } from './harness/wait.ts';

const OPERATOR_TOKEN = `operator-${randomBytes(16).toString('hex')}`;

let system: System;
let intakeUrl = '';
let adminUrl = '';

/** `npm run admin -- …`, as the README runs it (node directly: npm would add its own lines). */
const admin = <T = Record<string, unknown>>(...args: string[]): T => {
  const result = spawnSync(process.execPath, ['scripts/admin.ts', ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, DATABASE_URL: system.databaseUrl },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as T;
};

runDuringFile(async () => {
  system = await startSystem({
    name: 'e2e-operator',
    embedder: 'hashed',
    // A revoked key is refused on the next request, not after the cache's 30 s.
    env: { KEY_CACHE_MS: '0' },
    envOf: { admin: { OPERATOR_TOKEN } },
    workers: ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'],
    apis: ['intake', 'admin'],
  });
  intakeUrl = system.urlOf('intake');
  adminUrl = system.urlOf('admin');
  return system;
});

const postTicket = (apiKey: string) =>
  fetch(`${intakeUrl}/v1/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...vipOutage, customer: { id: 'cust-42', tier: 'free' } }),
  });

describe('the operator flow', () => {
  it('creates a tenant and its keys with the CLI; a ticket posted with the new key is routed', async () => {
    expect(admin('tenant', 'create', 'acme', '--name', 'Acme Inc.')).toEqual({ id: 'acme', name: 'Acme Inc.' });
    const apiKey = admin<IssuedKey>('key', 'create', '--tenant', 'acme');
    const widgetKey = admin<IssuedKey>('widget-key', 'create', '--tenant', 'acme', '--origin', 'https://acme.example');
    const dir = await mkdtemp(join(tmpdir(), 'customers-'));
    await writeFile(join(dir, 'customers.csv'), 'id,tier,vip\ncust-42,enterprise,yes\n');
    expect(admin('customer', 'import', '--tenant', 'acme', join(dir, 'customers.csv'))).toEqual({ imported: 1 });
    expect(admin('list')).toContainEqual({ id: 'acme', name: 'Acme Inc.', createdAt: expect.any(String), apiKeys: 1, widgetKeys: 1 });
    expect(await system.store.customers.get('acme', 'cust-42')).toMatchObject({ tier: 'enterprise', vip: true });

    const accepted = await postTicket(apiKey.key);
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    let state: { status?: string; decisions?: Record<string, unknown> } = {};
    await waitFor(
      async () => {
        const res = await fetch(`${intakeUrl}/v1/tickets/${id}`, { headers: { authorization: `Bearer ${apiKey.key}` } });
        state = (await res.json()) as typeof state;
        return state.status === 'routed';
      },
      90_000,
      () => `ticket ${id} is ${state.status}`,
    );
    expect(state.decisions?.route).toBeDefined();

    const deflect = (origin: string) =>
      fetch(`${intakeUrl}/v1/deflect`, {
        method: 'POST',
        headers: { 'x-widget-key': widgetKey.key, origin, 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'How do I reset my password?' }),
      });
    expect((await deflect('https://acme.example')).status).toBe(200);
    expect((await deflect('https://evil.example')).status).toBe(403);
  });

  it('revokes a key through the admin API with the CLI, and intake refuses it from the next request', async () => {
    const { key, id } = admin<IssuedKey>('--url', adminUrl, '--token', OPERATOR_TOKEN, 'key', 'create', '--tenant', 'acme');
    expect((await postTicket(key)).status).toBe(202);
    expect(admin('--url', adminUrl, '--token', OPERATOR_TOKEN, 'key', 'revoke', id)).toEqual({ id, revoked: true });
    expect((await postTicket(key)).status).toBe(401);
    const keys = admin<{ id: string }[]>('--url', adminUrl, '--token', OPERATOR_TOKEN, 'key', 'list', '--tenant', 'acme');
    expect(keys.find((k) => k.id === id)).toMatchObject({ id, kind: 'api', revokedAt: expect.any(String) });
  });

  it('refuses the admin API without the operator token', async () => {
    expect((await fetch(`${adminUrl}/admin/v1/tenants`)).status).toBe(401);
    expect((await fetch(`${adminUrl}/openapi/admin.json`)).status).toBe(200);
  });
});
