import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorContent, serveOpenApi } from '../src/index.ts';

const app = new OpenAPIHono();
app.openapi(
  createRoute({
    method: 'post',
    path: '/v1/things/{id}',
    request: {
      params: z.object({ id: z.string() }),
      body: { content: { 'application/json': { schema: z.object({ name: z.string() }), example: { name: 'a' } } }, required: true },
    },
    responses: {
      201: { description: 'Made', content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } } },
      409: errorContent('Already made (`thing_exists`)'),
    },
  }),
  (c) => c.json({ ok: true }, 201),
);
app.openapi(createRoute({ method: 'get', path: '/open/ping', responses: { 200: { description: 'Pong' } } }), (c) => c.body(null, 200));
serveOpenApi(app, '/openapi.json', { info: { title: 't', version: '1' } }, [
  { prefix: '/v1', scheme: 'widgetKey', errors: [401, 403, 429] },
]);

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        security?: unknown;
        responses: Record<string, { description: string; headers?: object; content?: Record<string, { example?: { error: string } }> }>;
      }
    >
  >;
  components: { securitySchemes: Record<string, unknown> };
};
const documentOf = async () => (await (await app.request('/openapi.json')).json()) as Doc;

describe('serveOpenApi', () => {
  it("gives a guarded operation its scheme and the guard's errors, and a body's 400, 413 and 415, each with an example", async () => {
    const operation = (await documentOf()).paths['/v1/things/{id}']!.post!;
    expect(operation.security).toEqual([{ widgetKey: [] }]);
    expect(Object.keys(operation.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '429']);
    expect(operation.responses['403']!.content!['application/json']!.example!.error).toBe('forbidden_origin');
    expect(operation.responses['415']!.content!['application/json']!.example!.error).toBe('unsupported_media_type');
    expect(operation.responses['429']!.headers).toHaveProperty('Retry-After');
  });

  it("keeps the route's own description of an error and adds the example it lacked", async () => {
    const conflict = (await documentOf()).paths['/v1/things/{id}']!.post!.responses['409']!;
    expect(conflict.description).toBe('Already made (`thing_exists`)');
    expect(conflict.content!['application/json']!.example!.error).toBe('conflict');
  });

  it('declares only the schemes in use, and leaves an unguarded operation open', async () => {
    const document = await documentOf();
    expect(Object.keys(document.components.securitySchemes)).toEqual(['widgetKey']);
    expect(document.paths['/open/ping']!.get!.security).toBeUndefined();
    expect(Object.keys(document.paths['/open/ping']!.get!.responses)).toEqual(['200']);
  });
});
