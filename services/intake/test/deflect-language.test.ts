import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeflectionRecorded } from '@triage/contracts';
import type { OutboxRow } from '@triage/store';
import { ALLOWED_ORIGIN, createApiFixture, WIDGET_KEY, type ApiFixture } from './api-fixture.ts';

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.close());

const widget = { 'x-widget-key': WIDGET_KEY, origin: ALLOWED_ORIGIN };
const drainOutbox = async (): Promise<OutboxRow[]> => {
  const rows: OutboxRow[] = [];
  await f.store.outbox.drain(1000, async (batch) => void rows.push(...batch));
  return rows;
};

describe('the language of a deflection question', () => {
  it('is answered to the widget and recorded on deflections.recorded', async () => {
    const res = await f.json('/v1/deflect', { question: 'No puedo iniciar sesión, olvidé mi contraseña' }, widget);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { language?: { code: string; confidence: number } };
    expect(body.language?.code).toBe('es');
    expect(body.language?.confidence).toBeGreaterThan(0.5);
    const payloads = (await drainOutbox()).map((row) => row.event.payload as DeflectionRecorded);
    expect(payloads.map((p) => p.language)).toEqual([body.language]);
  });

  it('is left out when the question has too few words to tell', async () => {
    const res = await f.json('/v1/deflect', { question: 'E_4411' }, widget);
    expect(res.status).toBe(200);
    expect(await res.json()).not.toHaveProperty('language');
    const payloads = (await drainOutbox()).map((row) => row.event.payload);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).not.toHaveProperty('language');
  });
});
