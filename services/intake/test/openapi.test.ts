import { readFile } from 'node:fs/promises';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiFixture, type ApiFixture } from './api-fixture.ts';

const COMMITTED = new URL('../../../contracts/openapi.json', import.meta.url);

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document covering every endpoint', async () => {
    const document = (await (await f.app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, object> };
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/deflect',
      '/v1/deflect/{deflectionId}/feedback',
      '/v1/stream/{topic}',
      '/v1/tickets',
      '/v1/tickets/{id}',
      '/v1/tickets/{id}/corrections',
      '/v1/tickets/{id}/events',
    ]);
  });

  it('matches the committed contracts/openapi.json (run `npm run schemas` after changing an endpoint)', async () => {
    const served = `${JSON.stringify(await (await f.app.request('/openapi.json')).json(), null, 2)}\n`;
    expect(served).toBe(await readFile(COMMITTED, 'utf8'));
  });

  it('serves a docs page listing the endpoints', async () => {
    const page = await (await f.app.request('/docs')).text();
    expect(page).toContain('/v1/deflect/{deflectionId}/feedback');
    expect(page).toContain('Submit a ticket');
  });
});
