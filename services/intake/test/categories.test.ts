import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createApiFixture, validTicket, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const categoryNames = async () =>
  ((await (await f.app.request('/v1/categories', { headers: auth })).json()) as { categories: { name: string; source: string }[] })
    .categories;

const newTicket = async () => ((await (await f.json('/v1/tickets', validTicket, auth)).json()) as { id: string }).id;

describe('GET /v1/categories', () => {
  it("lists the deployment's taxonomy with each category's description and default kind", async () => {
    const res = await f.app.request('/v1/categories', { headers: auth });
    expect(res.status).toBe(200);
    const { categories } = (await res.json()) as { categories: { name: string; description: string; defaultKind: string }[] };
    expect(categories.map((c) => c.name)).toEqual(expect.arrayContaining(['hardware', 'software', 'network', 'access']));
    expect(categories.find((c) => c.name === 'network')).toMatchObject({ defaultKind: 'incident', source: 'taxonomy' });
    expect(categories.find((c) => c.name === 'network')?.description).toMatch(/VPN/);
  });

  it("adds the categories only the tenant's own labeled examples name, and no other tenant's", async () => {
    await f.store.tenants.ensure('globex');
    await f.store.examples.add('acme', [{ text: 'payslip is wrong', category: 'payroll', source: 'import' }]);
    await f.store.examples.add('globex', [{ text: 'forklift broke', category: 'warehouse', source: 'import' }]);
    const names = (await categoryNames()).map((c) => `${c.name}:${c.source}`);
    expect(names).toContain('payroll:examples');
    expect(names.some((n) => n.startsWith('warehouse'))).toBe(false);
  });

  it('needs the API key', async () => {
    expect((await f.app.request('/v1/categories')).status).toBe(401);
  });
});

describe('POST /v1/tickets/{id}/corrections', () => {
  it('refuses a category the taxonomy does not have with 400 unknown_category, naming the ones it has', async () => {
    const id = await newTicket();
    const res = await f.json(`/v1/tickets/${id}/corrections`, { category: 'astrology' }, auth);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe('unknown_category');
    expect(body.message).toMatch(/astrology.*network/);
    expect((await f.store.examples.list('acme')).some((e) => e.category === 'astrology')).toBe(false);
  });

  it('records a correction to a category the taxonomy has', async () => {
    const id = await newTicket();
    expect((await f.json(`/v1/tickets/${id}/corrections`, { category: 'network', kind: 'incident' }, auth)).status).toBe(201);
    expect(await f.store.examples.list('acme')).toContainEqual(expect.objectContaining({ category: 'network', ticketId: id }));
  });
});
