import { createHash, randomBytes } from 'node:crypto';
import type { Sql, Store, TenantKey, WidgetKey } from '../types.ts';
import { assertTenantId } from '../tenant-id.ts';

// API keys are 256 random bits, so an unsalted fast hash cannot be brute-forced; it lets a key be
// found by its hash in one indexed lookup.
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');
const newKey = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** Operator-chosen keys must still be long enough not to be guessed. */
const assertChosenKey = (key: string): string => {
  if (key.length < 8) throw new Error('a chosen key needs at least 8 characters');
  return key;
};

const assertOrigin = (origin: string): void => {
  if (origin === '*') return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {}
  if (!parsed || parsed.origin !== origin)
    throw new Error(`"${origin}" is not an origin (scheme://host[:port], no path or trailing slash)`);
};

export const tenantsRepository = (sql: Sql): Store['tenants'] => ({
  async list() {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    return rows.map((r) => r.id);
  },

  async ensure(tenantId, name) {
    await sql.query(
      `INSERT INTO tenants (id, name) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
       WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM tenants.name`,
      [assertTenantId(tenantId), name ?? null],
    );
  },

  async createApiKey(tenantId, plaintext) {
    const key = plaintext === undefined ? newKey('tk') : assertChosenKey(plaintext);
    await sql.query('INSERT INTO api_keys (key_hash, tenant_id) VALUES ($1, $2)', [hashKey(key), assertTenantId(tenantId)]);
    return key;
  },

  async resolveApiKey(plaintext): Promise<TenantKey | null> {
    const { rows } = await sql.query<{ tenant_id: string }>('SELECT tenant_id FROM api_keys WHERE key_hash = $1', [hashKey(plaintext)]);
    return rows[0] ? { tenantId: rows[0].tenant_id } : null;
  },

  async createWidgetKey(tenantId, allowedOrigins, chosen) {
    allowedOrigins.forEach(assertOrigin);
    const key = chosen === undefined ? newKey('wk') : assertChosenKey(chosen);
    await sql.query('INSERT INTO widget_keys (key_hash, tenant_id, allowed_origins) VALUES ($1, $2, $3)', [
      hashKey(key),
      assertTenantId(tenantId),
      allowedOrigins,
    ]);
    return key;
  },

  async resolveWidgetKey(key): Promise<WidgetKey | null> {
    const { rows } = await sql.query<{ tenant_id: string; allowed_origins: string[] }>(
      'SELECT tenant_id, allowed_origins FROM widget_keys WHERE key_hash = $1',
      [hashKey(key)],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, allowedOrigins: rows[0].allowed_origins } : null;
  },
});
