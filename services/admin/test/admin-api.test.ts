import { Validator } from '@seriousme/openapi-schema-validator';
import { createLogger } from '@triage/runtime';
import { createPgliteStore, type Store } from '@triage/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_OPENAPI_PATH, createAdminApp } from '../src/index.ts';

const TOKEN = 'operator-token-of-at-least-24-chars';
const logger = createLogger({ service: 'admin-test', level: 'error' });

let store: Store;
let app: ReturnType<typeof createAdminApp>;

/** The fields of the answers these tests read. */
interface Answer {
  [field: string]: unknown;
  id?: string;
  key?: string;
  error?: string;
  message?: string;
  tenants?: unknown[];
  keys?: { id: string }[];
}

const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const json = body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  const res = await app.request(path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...json, ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Answer };
};

beforeAll(async () => {
  store = await createPgliteStore({ embeddingDim: 8 });
  app = createAdminApp({ store, logger, operatorToken: TOKEN });
});
afterAll(() => store?.close());

describe('admin API', () => {
  it('refuses a request without the operator token, and every request when no token is configured', async () => {
    expect((await call('GET', '/admin/v1/tenants', undefined, { authorization: '' })).status).toBe(401);
    expect((await call('GET', '/admin/v1/tenants', undefined, { authorization: `Bearer ${TOKEN}x` })).status).toBe(401);
    const off = createAdminApp({ store, logger, operatorToken: undefined });
    const res = await off.request('/admin/v1/tenants', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(403);
    expect(await store.tenants.list()).toEqual([]);
  });

  it('creates a tenant once, and its keys, shown once and listed by id and prefix only', async () => {
    expect(await call('POST', '/admin/v1/tenants', { id: 'acme', name: 'Acme' })).toEqual({
      status: 201,
      body: { id: 'acme', name: 'Acme' },
    });
    expect((await call('POST', '/admin/v1/tenants', { id: 'acme' })).body.error).toBe('tenant_exists');
    expect((await call('POST', '/admin/v1/tenants', { id: 'Not A Slug' })).status).toBe(400);

    const api = await call('POST', '/admin/v1/tenants/acme/keys');
    expect(api.status).toBe(201);
    expect(await store.tenants.resolveApiKey(api.body.key ?? '')).toEqual({ tenantId: 'acme' });
    const widget = await call('POST', '/admin/v1/tenants/acme/widget-keys', { origins: ['https://acme.example'] });
    expect(widget.status).toBe(201);
    expect(await store.tenants.resolveWidgetKey(widget.body.key ?? '')).toEqual({
      tenantId: 'acme',
      allowedOrigins: ['https://acme.example'],
    });
    const badOrigin = await call('POST', '/admin/v1/tenants/acme/widget-keys', { origins: ['http://acme.example'] });
    expect(badOrigin.status).toBe(400);
    expect((await call('POST', '/admin/v1/tenants/nobody/keys')).body.error).toBe('unknown_tenant');

    expect((await call('GET', '/admin/v1/tenants')).body.tenants).toEqual([
      { id: 'acme', name: 'Acme', createdAt: expect.any(String), apiKeys: 1, widgetKeys: 1 },
    ]);
    const keys = await call('GET', '/admin/v1/tenants/acme/keys');
    expect(keys.body.keys?.map((k) => k.id)).toEqual([api.body.id, widget.body.id]);
    expect(JSON.stringify(keys.body)).not.toContain(api.body.key);
    expect(JSON.stringify(keys.body)).not.toContain(widget.body.key);
  });

  it('revokes a key by id, once', async () => {
    await call('POST', '/admin/v1/tenants', { id: 'globex' });
    const { body: key } = await call('POST', '/admin/v1/tenants/globex/keys');
    expect(await call('DELETE', `/admin/v1/keys/${key.id}`)).toEqual({ status: 200, body: { id: key.id, revoked: true } });
    expect(await store.tenants.resolveApiKey(key.key ?? '')).toBeNull();
    expect((await call('DELETE', `/admin/v1/keys/${key.id}`)).body.error).toBe('unknown_key');
    expect((await call('DELETE', '/admin/v1/keys/not-a-uuid')).status).toBe(400);
  });

  it('imports customers as JSON or CSV, all or nothing', async () => {
    await call('POST', '/admin/v1/tenants', { id: 'initech' });
    const json = await call('POST', '/admin/v1/tenants/initech/customers', [{ id: 'c1', tier: 'pro' }]);
    expect(json).toEqual({ status: 200, body: { imported: 1 } });
    const csv = 'id,tier,vip\nc1,enterprise,yes\nc2,free,\n';
    expect(await call('POST', '/admin/v1/tenants/initech/customers', csv, { 'content-type': 'text/csv' })).toEqual({
      status: 200,
      body: { imported: 2 },
    });
    expect(await store.customers.get('initech', 'c1')).toMatchObject({ tier: 'enterprise', vip: true });
    expect(await store.customers.get('initech', 'c2')).toMatchObject({ tier: 'free', vip: false });

    const broken = await call('POST', '/admin/v1/tenants/initech/customers', 'id,tier\nc3,pro\nc4,gold\n', { 'content-type': 'text/csv' });
    expect(broken.status).toBe(400);
    expect(broken.body.message).toContain('body:3');
    expect(await store.customers.get('initech', 'c3')).toBeNull();
    expect((await call('POST', '/admin/v1/tenants/nobody/customers', [{ id: 'c1', tier: 'pro' }])).status).toBe(404);
  });

  it("sets a tenant's widget identity secret, new or chosen, shown in the answer and in force at once", async () => {
    const fresh = await call('PUT', '/admin/v1/tenants/acme/identity-secret');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ tenantId: 'acme', secret: expect.stringMatching(/^wis_/) });
    expect(await store.tenants.identitySecret('acme')).toBe(fresh.body.secret);

    const chosen = 'a-secret-the-host-site-already-has-0123';
    expect(await call('PUT', '/admin/v1/tenants/acme/identity-secret', { secret: chosen })).toEqual({
      status: 200,
      body: { tenantId: 'acme', secret: chosen },
    });
    expect(await store.tenants.identitySecret('acme')).toBe(chosen);

    const short = await call('PUT', '/admin/v1/tenants/acme/identity-secret', { secret: 'too-short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('32 characters');
    expect(await store.tenants.identitySecret('acme')).toBe(chosen);
    expect((await call('PUT', '/admin/v1/tenants/nobody/identity-secret', {})).body.error).toBe('unknown_tenant');
  });

  it('documents every route in a valid OpenAPI document, without the operator token', async () => {
    const res = await app.request(ADMIN_OPENAPI_PATH);
    const document = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect((await new Validator().validate(document as Parameters<Validator['validate']>[0])).errors).toBeUndefined();
    expect(Object.keys(document.paths).sort()).toEqual([
      '/admin/v1/keys/{id}',
      '/admin/v1/tenants',
      '/admin/v1/tenants/{tenant}/customers',
      '/admin/v1/tenants/{tenant}/identity-secret',
      '/admin/v1/tenants/{tenant}/keys',
      '/admin/v1/tenants/{tenant}/webhooks',
      '/admin/v1/tenants/{tenant}/widget-keys',
      '/admin/v1/webhooks/{id}/dead',
      '/admin/v1/webhooks/{id}/disable',
      '/admin/v1/webhooks/{id}/enable',
      '/admin/v1/webhooks/{id}/replay',
    ]);
    for (const operations of Object.values(document.paths))
      for (const operation of Object.values(operations)) expect(Object.keys(operation.responses)).toContain('401');
  });
});
