import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, createApiFixture, type ApiFixture } from './api-fixture.ts';

const COMMITTED = new URL('../../../contracts/openapi.json', import.meta.url);

interface Media {
  example?: unknown;
  schema?: { example?: unknown };
}
interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media> }>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string }> };
}

let f: ApiFixture;
let document: Document;
beforeAll(async () => {
  f = await createApiFixture();
  document = (await (await f.app.request('/openapi.json')).json()) as Document;
});
afterAll(() => f.close());

const operations = () =>
  Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method} ${path}`, op })));
const exampleOf = (media: Media | undefined) => media?.example ?? media?.schema?.example;

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document covering every endpoint', async () => {
    const result = await new Validator().validate(document as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/categories',
        '/v1/deflect',
        '/v1/deflect/{deflectionId}/feedback',
        '/v1/stream/{topic}',
        '/v1/tickets',
        '/v1/tickets/{id}',
        '/v1/tickets/{id}/corrections',
        '/v1/tickets/{id}/events',
      ]),
    );
  });

  it('declares the API key and the x-widget-key header, and every operation names the one that guards it', () => {
    expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.widgetKey).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-widget-key' });
    for (const { name, op } of operations()) {
      const schemes = op.security?.flatMap(Object.keys) ?? [];
      expect(schemes, name).toEqual([name.includes('/v1/deflect') ? 'widgetKey' : 'apiKey']);
      expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['401', '429']));
    }
  });

  it('documents every error with the shared body and an example of it, 413 and 415 wherever a body is taken', () => {
    for (const { name, op } of operations()) {
      if (op.requestBody) expect(Object.keys(op.responses), name).toEqual(expect.arrayContaining(['413', '415']));
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        expect(exampleOf(response.content?.['application/json']), `${name} ${status}`).toMatchObject({
          error: expect.any(String),
          message: expect.any(String),
        });
      }
    }
  });

  it('gives every request body and every successful response an example', () => {
    for (const { name, op } of operations()) {
      for (const media of Object.values(op.requestBody?.content ?? {})) expect(exampleOf(media), `${name} request`).toBeDefined();
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) < 300)) {
        for (const [type, media] of Object.entries(response.content ?? {}))
          expect(exampleOf(media), `${name} ${status} ${type}`).toBeDefined();
      }
    }
  });

  it('documents examples the API accepts and errors the API really answers', async () => {
    const submit = document.paths['/v1/tickets']!.post!;
    const accepted = await f.json('/v1/tickets', exampleOf(submit.requestBody!.content['application/json']), auth);
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    const correction = document.paths['/v1/tickets/{id}/corrections']!.post!;
    expect(
      (await f.json(`/v1/tickets/${id}/corrections`, exampleOf(correction.requestBody!.content['application/json']), auth)).status,
    ).toBe(201);

    const notJson = await f.app.request('/v1/tickets', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hi' });
    expect(notJson.status).toBe(415);
    expect(await notJson.json()).toEqual(exampleOf(submit.responses['415']!.content!['application/json']));
    const noKey = await f.json('/v1/tickets', {});
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { error: string }).error).toBe(
      (exampleOf(submit.responses['401']!.content!['application/json']) as { error: string }).error,
    );
  });

  it('describes the event stream as server-sent events linking to the JSON Schema of each topic', async () => {
    const ok = document.paths['/v1/stream/{topic}']!.get!.responses['200'] as { description: string; content: Record<string, Media> };
    expect(Object.keys(ok.content)).toEqual(['text/event-stream']);
    expect(exampleOf(ok.content['text/event-stream'])).toMatch(/^event: ready\ndata: tickets.routed\n\nevent: tickets.routed\nid: /);
    for (const link of ['/schemas/tickets.routed.json', '/schemas/incidents.major.json']) {
      expect(ok.description).toContain(`(${link})`);
      const schema = await f.app.request(link);
      expect(schema.status).toBe(200);
      expect(((await schema.json()) as { $id: string }).$id).toMatch(/\/schemas\/.+\.json$/);
    }
    expect((await f.app.request('/schemas/nothing.json')).status).toBe(404);
  });

  it('matches the committed contracts/openapi.json (run `npm run schemas` after changing an endpoint)', async () => {
    const served = `${JSON.stringify(await (await f.app.request('/openapi.json')).json(), null, 2)}\n`;
    expect(served).toBe(await readFile(COMMITTED, 'utf8'));
  });
});

describe('/docs', () => {
  it('loads the viewer and its stylesheet from this origin, compressed, and shows the widget snippet', async () => {
    const page = await (await f.app.request('http://triage.test/docs')).text();
    expect(page).toContain('<script src="/docs/assets/swagger-ui-bundle.js"');
    expect(page).toContain('href="/docs/assets/swagger-ui.css"');
    expect(page).not.toMatch(/<(script|link|img)\b[^>]*(src|href)="https?:/);
    expect(page).toContain('&lt;script src="http://triage.test/widget.js" data-widget-key="wk_…" async&gt;&lt;/script&gt;');
    const bundle = await f.app.request('/docs/assets/swagger-ui-bundle.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(bundle.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const plain = await f.app.request('/docs/assets/swagger-ui.css');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toContain('.swagger-ui');
    expect((await f.app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
