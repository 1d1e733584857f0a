import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, httpServerComponent } from '@triage/runtime';
import { ALLOWED_ORIGIN, auth, createApiFixture, type ApiFixture } from './api-fixture.ts';

// Finding 7: hardening headers, the preflight, and JSON bodies even for what Node refuses itself.

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture(undefined, undefined, { demoWidgetKey: 'wk_test_acme' });
});
afterAll(() => f.close());

const get = (path: string, headers: Record<string, string> = {}) => Promise.resolve(f.app.request(path, { headers }));

describe('security headers', () => {
  it('come with every response, JSON errors included, and lock an API response down to nothing', async () => {
    for (const res of [
      await get('/openapi.json'),
      await get('/v1/tickets/nope', auth),
      await get('/no-such-page'),
      await get('/v1/tickets'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it.each(['/demo', '/docs'])('give %s a strict CSP whose nonce is the one its inline tags carry', async (path) => {
    const res = await get(path);
    const csp = res.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const page = await res.text();
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(page.match(/<(script|style)\b[^>]*>/g)?.every((tag) => tag.includes(`nonce="${nonce}"`))).toBe(true);
    // A fresh nonce per response, or it protects nothing.
    expect((await get(path)).headers.get('content-security-policy')).not.toBe(csp);
  });

  it('serve the widget script as JavaScript that other sites may load, never sniffed as anything else', async () => {
    const res = await get('/widget.js');
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('the deflection preflight', () => {
  const preflight = (origin: string) =>
    f.app.request('/v1/deflect', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-widget-key' },
    });

  it('allows an origin some widget key admits, and no other', async () => {
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get('access-control-allow-headers')).toBe('content-type,x-widget-key');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const foreign = await preflight('https://evil.test');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes note of a key created for a new origin at once', async () => {
    expect((await preflight('https://new-shop.acme.test')).headers.get('access-control-allow-origin')).toBeNull();
    await f.store.tenants.createWidgetKey('acme', ['https://new-shop.acme.test']);
    expect((await preflight('https://new-shop.acme.test')).headers.get('access-control-allow-origin')).toBe('https://new-shop.acme.test');
  });
});

describe('requests Node refuses before any route', () => {
  it('answers headers that are too large with 431 and a JSON body', async () => {
    const server = httpServerComponent(f.app, 0, createLogger({ service: 'intake-test', level: 'error' }));
    await server.start!();
    try {
      const { status, type, body } = await new Promise<{ status?: number; type?: string; body: string }>((resolve, reject) => {
        const req = request({ port: server.port(), path: '/v1/tickets', headers: { 'x-padding': 'x'.repeat(32 * 1024) } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(431);
      expect(type).toBe('application/json');
      expect(JSON.parse(body)).toEqual({ error: 'headers_too_large', message: 'the request headers are too large' });
    } finally {
      await server.drain!();
    }
  });
});
