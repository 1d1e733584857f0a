import { createHash, randomBytes } from 'node:crypto';
import { TenantExists, UnknownTenant } from '../tenant-errors.ts';
import { assertTenantId } from '../tenant-id.ts';
import type { IssuedKey, KeyInfo, Store, TenantKey, TenantSummary, WidgetKey } from '../types.ts';
import type { Sql } from '../sql-types.ts';
import { isWidgetOrigin } from '../widget-origin.ts';
import { isoTime, optional } from './rows.ts';

// Generated keys are 256 random bits, so an unsalted fast hash cannot be brute-forced; it lets a key
// be found by its hash in one indexed lookup.
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');
const newKey = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

/** Enough of a key to tell it apart in a listing, never more than a quarter of it. */
const keyPrefix = (key: string): string => key.slice(0, Math.min(7, Math.floor(key.length / 4)));

/** Operator-chosen keys must still be long enough not to be guessed. */
const assertChosenKey = (key: string): string => {
  if (key.length < 8) throw new Error('a chosen key needs at least 8 characters');
  return key;
};

/** `*` (any site) is kept for the embedded demo's own page; operators name sites. */
const assertOrigin = (origin: string): void => {
  if (origin !== '*' && !isWidgetOrigin(origin))
    throw new Error(`"${origin}" is not an origin a widget may be embedded on (https://host[:port] or http://localhost[:port])`);
};

/** A chosen identity secret keys an HMAC: as strong as a generated one or refused. */
const assertChosenSecret = (secret: string): string => {
  if (secret.length < 32) throw new Error('a chosen identity secret needs at least 32 characters');
  return secret;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface KeyRow {
  id: string;
  kind: KeyInfo['kind'];
  prefix: string;
  allowed_origins: string[] | null;
  created_at: Date;
  revoked_at: Date | null;
}

/**
 * Inserts a key for an existing tenant in one statement: the tenant's row is read by the insert
 * itself, so a tenant that does not exist yields no row instead of a foreign-key error.
 */
const insertKey = async (
  sql: Sql,
  table: 'api_keys' | 'widget_keys',
  tenantId: string,
  key: string,
  origins?: string[],
): Promise<IssuedKey> => {
  const columns = origins ? 'key_hash, prefix, tenant_id, allowed_origins' : 'key_hash, prefix, tenant_id';
  const values = origins ? '$1, $2, t.id, $4' : '$1, $2, t.id';
  const prefix = keyPrefix(key);
  const { rows } = await sql.query<{ id: string; created_at: Date }>(
    `INSERT INTO ${table} (${columns}) SELECT ${values} FROM tenants t WHERE t.id = $3 RETURNING id, created_at`,
    [hashKey(key), prefix, assertTenantId(tenantId), ...(origins ? [origins] : [])],
  );
  if (!rows[0]) throw new UnknownTenant(tenantId);
  return { id: rows[0].id, key, prefix, createdAt: isoTime(rows[0].created_at) };
};

export const tenantsRepository = (sql: Sql): Store['tenants'] => ({
  async list() {
    const { rows } = await sql.query<{ id: string }>('SELECT id FROM tenants ORDER BY id');
    return rows.map((r) => r.id);
  },

  async summaries(): Promise<TenantSummary[]> {
    const { rows } = await sql.query<{ id: string; name: string | null; created_at: Date; api_keys: number; widget_keys: number }>(
      `SELECT t.id, t.name, t.created_at,
         (SELECT count(*) FROM api_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int AS api_keys,
         (SELECT count(*) FROM widget_keys k WHERE k.tenant_id = t.id AND k.revoked_at IS NULL)::int AS widget_keys
       FROM tenants t ORDER BY t.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: optional(r.name),
      createdAt: isoTime(r.created_at),
      apiKeys: r.api_keys,
      widgetKeys: r.widget_keys,
    }));
  },

  async ensure(tenantId, name) {
    await sql.query(
      `INSERT INTO tenants (id, name) VALUES ($1, $2)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
       WHERE EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM tenants.name`,
      [assertTenantId(tenantId), name ?? null],
    );
  },

  async create(tenantId, name) {
    const { rows } = await sql.query('INSERT INTO tenants (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id', [
      assertTenantId(tenantId),
      name ?? null,
    ]);
    if (!rows[0]) throw new TenantExists(tenantId);
  },

  createApiKey: async (tenantId, plaintext) =>
    insertKey(sql, 'api_keys', tenantId, plaintext === undefined ? newKey('tk') : assertChosenKey(plaintext)),

  async resolveApiKey(plaintext): Promise<TenantKey | null> {
    const { rows } = await sql.query<{ tenant_id: string }>('SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [
      hashKey(plaintext),
    ]);
    return rows[0] ? { tenantId: rows[0].tenant_id } : null;
  },

  async createWidgetKey(tenantId, allowedOrigins, chosen) {
    allowedOrigins.forEach(assertOrigin);
    return insertKey(sql, 'widget_keys', tenantId, chosen === undefined ? newKey('wk') : assertChosenKey(chosen), allowedOrigins);
  },

  async resolveWidgetKey(key): Promise<WidgetKey | null> {
    const { rows } = await sql.query<{ tenant_id: string; allowed_origins: string[] }>(
      'SELECT tenant_id, allowed_origins FROM widget_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hashKey(key)],
    );
    return rows[0] ? { tenantId: rows[0].tenant_id, allowedOrigins: rows[0].allowed_origins } : null;
  },

  async listKeys(tenantId): Promise<KeyInfo[]> {
    const { rows } = await sql.query<KeyRow>(
      `SELECT id, 'api' AS kind, prefix, NULL::text[] AS allowed_origins, created_at, revoked_at FROM api_keys WHERE tenant_id = $1
       UNION ALL
       SELECT id, 'widget', prefix, allowed_origins, created_at, revoked_at FROM widget_keys WHERE tenant_id = $1
       ORDER BY created_at, id`,
      [assertTenantId(tenantId)],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      prefix: r.prefix,
      allowedOrigins: optional(r.allowed_origins),
      createdAt: isoTime(r.created_at),
      revokedAt: r.revoked_at ? isoTime(r.revoked_at) : undefined,
    }));
  },

  async revokeKey(id) {
    if (!UUID.test(id)) return false;
    // Ids are unique across both tables (random UUIDs), so one statement revokes whichever holds it.
    const { rows } = await sql.query<{ revoked: number }>(
      `WITH a AS (UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING 1),
            w AS (UPDATE widget_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING 1)
       SELECT ((SELECT count(*) FROM a) + (SELECT count(*) FROM w))::int AS revoked`,
      [id],
    );
    return (rows[0]?.revoked ?? 0) > 0;
  },

  async widgetOriginAllowed(origin) {
    const { rows } = await sql.query<{ allowed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM widget_keys WHERE allowed_origins && ARRAY[$1::text, '*'] AND revoked_at IS NULL) AS allowed`,
      [origin],
    );
    return rows[0]?.allowed === true;
  },

  async setIdentitySecret(tenantId, chosen) {
    const secret = chosen === undefined ? newKey('wis') : assertChosenSecret(chosen);
    const { rows } = await sql.query('UPDATE tenants SET widget_identity_secret = $2 WHERE id = $1 RETURNING id', [
      assertTenantId(tenantId),
      secret,
    ]);
    if (!rows[0]) throw new UnknownTenant(tenantId);
    return secret;
  },

  async identitySecret(tenantId) {
    const { rows } = await sql.query<{ secret: string | null }>('SELECT widget_identity_secret AS secret FROM tenants WHERE id = $1', [
      tenantId,
    ]);
    return rows[0]?.secret ?? null;
  },
});
