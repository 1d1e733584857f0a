import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_ORIGIN, createApiFixture, WIDGET_KEY, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
  await f.store.tenants.ensure('globex');
  await f.store.kb.upsert('globex', [
    {
      id: 'payroll-runbook',
      title: 'Payroll runbook',
      body: 'Internal only.',
      chunks: [{ text: 'Internal only.', embedding: [1, 0, 0, 0, 0, 0, 0, 0] }],
    },
  ]);
});
afterAll(() => f.close());

const get = (path: string, headers: Record<string, string> = { 'x-widget-key': WIDGET_KEY, origin: ALLOWED_ORIGIN }) =>
  f.app.request(path, { headers });

describe('GET /v1/deflect/articles/{articleId}', () => {
  it("returns one of the widget key's tenant's articles, for the widget to show inside itself", async () => {
    const res = await get('/v1/deflect/articles/reset-password');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(await res.json()).toEqual({ articleId: 'reset-password', title: 'Reset your password', body: 'Open Settings → Security…' });
  });

  it("answers 404 for another tenant's article as for one that does not exist", async () => {
    for (const id of ['payroll-runbook', 'no-such-article']) {
      const res = await get(`/v1/deflect/articles/${id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found', message: 'no such article' });
    }
  });

  it('refuses a request without the widget key, or from an origin the key does not serve', async () => {
    expect((await get('/v1/deflect/articles/reset-password', {})).status).toBe(401);
    expect((await get('/v1/deflect/articles/reset-password', { 'x-widget-key': WIDGET_KEY, origin: 'https://evil.test' })).status).toBe(
      403,
    );
  });

  it("lets a browser on the key's site ask for it: the preflight admits GET", async () => {
    const res = await f.app.request('/v1/deflect/articles/reset-password', {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-widget-key' },
    });
    expect(res.headers.get('access-control-allow-methods')).toContain('GET');
  });
});
