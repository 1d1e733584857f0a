import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeflectionRecorded } from '@triage/contracts';
import { createApiFixture, type ApiFixture, widget } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

describe('the language of a deflection question', () => {
  it('is answered to the widget and recorded on deflections.recorded', async () => {
    const res = await f.json('/v1/deflect', { question: 'No puedo iniciar sesión, olvidé mi contraseña' }, widget);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { language?: { code: string; confidence: number } };
    expect(body.language?.code).toBe('es');
    expect(body.language?.confidence).toBeGreaterThan(0.5);
    const payloads = (await f.drainOutbox()).map((row) => row.event.payload as DeflectionRecorded);
    expect(payloads.map((p) => p.language)).toEqual([body.language]);
  });

  it('is left out when the question has too few words to tell', async () => {
    const res = await f.json('/v1/deflect', { question: 'E_4411' }, widget);
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('language');
    const payloads = (await f.drainOutbox()).map((row) => row.event.payload);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).not.toHaveProperty('language');
  });
});
