import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoreContext } from './fixtures.ts';

/** Values whose text form a literal could get wrong: quotes, backslashes, a `$1`, arrays, dates, JSON. */
const AWKWARD: [value: unknown, type: string][] = [
  ["it's \\ a 'quoted' $1 \"string\"\nwith a new line and ünïcode 🚀", 'text'],
  [['a', "b'c", 'd\\e', 'f"g', null, '{h}', ''], 'text[]'],
  [-12.5e-7, 'float8'],
  [2 ** 53 + 2, 'float8'],
  [true, 'boolean'],
  [null, 'text'],
  [new Date('2026-12-06T10:20:30.456Z'), 'timestamptz'],
  [{ nested: ["q'uote", 1, null], back: '\\' }, 'jsonb'],
];

export const describeOneTrip = (context: StoreContext): void => {
  const { newTenant } = context;

  describe('Sql.oneTrip', () => {
    it('reads every value as the same statement with parameters does, and returns the last statement’s rows', async () => {
      const text = `SELECT ${AWKWARD.map(([, type], i) => `$${i + 1}::${type} AS v${i}`).join(', ')}`;
      const params = AWKWARD.map(([value]) => value);
      const { rows: expected } = await context.store.sql.query(text, params);
      const { rows } = await context.store.sql.oneTrip([{ text: 'SELECT 1 AS first' }, { text, params }]);
      expect(rows).toEqual(expected);
      expect(rows[0]).toMatchObject({ v0: params[0], v1: params[1], v4: true, v5: null, v7: params[7] });
    });

    it('runs in the tenant’s transaction: settings hold for every statement, and row-level security applies', async () => {
      const [tenantId, other] = [await newTenant(), await newTenant()];
      await context.store.deflections.create({
        id: randomUUID(),
        tenantId,
        question: 'how?',
        solutions: [],
        deflectable: false,
        confidence: 0.1,
        outcome: 'shown',
      });
      const count = (tenant: string) =>
        context.store.sql.oneTrip<{ n: string | number; tenant: string; limit: string }>(
          [
            { text: "SELECT current_setting('statement_timeout') AS ignored" },
            {
              text: "SELECT count(*) AS n, current_setting('app.tenant_id') AS tenant, current_setting('lock_timeout') AS limit FROM deflections WHERE tenant_id = $1",
              params: [tenantId],
            },
          ],
          { tenantId: tenant, settings: { lock_timeout: '1234ms' } },
        );
      expect((await count(tenantId)).rows).toEqual([{ n: expect.anything(), tenant: tenantId, limit: '1234ms' }]);
      expect(Number((await count(tenantId)).rows[0]!.n)).toBe(1);
      expect(Number((await count(other)).rows[0]!.n)).toBe(0);
    });

    it('keeps nothing of its statements when one of them fails', async () => {
      const tenantId = await newTenant();
      const id = randomUUID();
      const insert = {
        text: `INSERT INTO deflections (tenant_id, id, question, solutions, deflectable, confidence, outcome)
               VALUES ($1, $2, 'how?', '[]', false, 0.1, 'shown')`,
        params: [tenantId, id],
      };
      await expect(context.store.sql.oneTrip([insert, { text: 'SELECT 1 / 0' }], { tenantId })).rejects.toThrow(/division by zero/);
      expect(await context.store.deflections.get(tenantId, id)).toBeNull();
      await context.store.sql.oneTrip([insert], { tenantId });
      expect(await context.store.deflections.get(tenantId, id)).toMatchObject({ id, outcome: 'shown' });
    });
  });
};
