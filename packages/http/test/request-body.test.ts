import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { bodyLimit, strictUtf8 } from '../src/index.ts';

const MAX = 64;

const app = new Hono();
app.use('*', bodyLimit({ maxSize: MAX, onError: (c) => c.json({ error: 'too_large' }, 413) }), strictUtf8);
app.post('/json', async (c) => c.json({ parsed: await c.req.json(), text: await c.req.text() }));
app.post('/form', async (c) => c.json(await c.req.parseBody()));

const declared = (path: string, body: string | Uint8Array, type = 'application/json') =>
  app.request(path, { method: 'POST', headers: { 'content-type': type, 'content-length': String(new Blob([body]).size) }, body });

/** A body sent without a declared length, as a chunked upload arrives. */
const streamed = (body: string) =>
  app.request('/json', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new Blob([body]).stream(),
    duplex: 'half',
  } as RequestInit);

describe('bodyLimit', () => {
  it('passes a body whose declared length is within the limit, and the handler reads it', async () => {
    const res = await declared('/json', JSON.stringify({ a: 'é' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ parsed: { a: 'é' }, text: '{"a":"é"}' });
  });

  it('refuses a declared length over the limit with its onError answer', async () => {
    const res = await declared('/json', JSON.stringify({ a: 'x'.repeat(MAX) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_large' });
  });

  it('counts a body without a declared length as it streams', async () => {
    expect((await streamed(JSON.stringify({ a: 'x'.repeat(MAX) }))).status).toBe(413);
    const small = await streamed('{"a":1}');
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ parsed: { a: 1 }, text: '{"a":1}' });
  });
});

describe('strictUtf8', () => {
  it('refuses bytes that are not UTF-8', async () => {
    const res = await declared('/json', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_encoding' });
  });

  it('leaves a form body readable by the form parser', async () => {
    const res = await declared('/form', 'key=k%C3%A9y', 'application/x-www-form-urlencoded');
    expect(await res.json()).toEqual({ key: 'kéy' });
  });
});
