import { z } from 'zod';
import { CustomerTier } from '@triage/contracts';
import { isWidgetOrigin } from '@triage/store';

/** Tenant ids appear in URLs, topics' keys and log lines: a short slug keeps them safe in all three. */
export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'a tenant id is 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit')
  .meta({ example: 'acme' });

export const TenantParams = z.object({ tenant: TenantId });
export const KeyParams = z.object({
  id: z.uuid().meta({ example: '0d9f7a9e-2c55-4c8e-9a53-2f3f6c1b7e10' }),
});

export const CreateTenant = z
  .strictObject({ id: TenantId, name: z.string().min(1).max(200).optional().meta({ example: 'Acme Inc.' }) })
  .meta({ example: { id: 'acme', name: 'Acme Inc.' } });

export const CreatedTenant = z.object({ id: z.string(), name: z.string().optional() }).meta({ example: { id: 'acme', name: 'Acme Inc.' } });

export const Tenant = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    createdAt: z.iso.datetime(),
    apiKeys: z.number().int().meta({ description: 'API keys not revoked' }),
    widgetKeys: z.number().int().meta({ description: 'Widget keys not revoked' }),
  })
  .meta({ example: { id: 'acme', name: 'Acme Inc.', createdAt: '2025-03-04T09:12:03.120Z', apiKeys: 1, widgetKeys: 1 } });

export const TenantList = z.object({ tenants: z.array(Tenant) }).meta({
  example: { tenants: [{ id: 'acme', name: 'Acme Inc.', createdAt: '2025-03-04T09:12:03.120Z', apiKeys: 1, widgetKeys: 1 }] },
});

export const WidgetOrigin = z
  .string()
  .refine(isWidgetOrigin, 'an origin is https://host[:port] or http://localhost[:port], without a path or trailing slash')
  .meta({ example: 'https://acme.example' });

export const CreateWidgetKey = z.strictObject({ origins: z.array(WidgetOrigin).min(1).max(50) });

export const IssuedKey = z
  .object({
    id: z.uuid().meta({ description: 'Names the key from now on, to revoke it' }),
    tenantId: z.string(),
    kind: z.enum(['api', 'widget']),
    key: z.string().meta({ description: 'The key itself: shown this once, only its hash is kept' }),
    prefix: z.string(),
    allowedOrigins: z.array(z.string()).optional(),
    createdAt: z.iso.datetime(),
  })
  .meta({
    example: {
      id: '0d9f7a9e-2c55-4c8e-9a53-2f3f6c1b7e10',
      tenantId: 'acme',
      kind: 'api',
      key: 'tk_3q2-7wXy…',
      prefix: 'tk_3q2-',
      createdAt: '2025-03-04T09:12:03.120Z',
    },
  });

export const KeyInfo = z.object({
  id: z.uuid(),
  kind: z.enum(['api', 'widget']),
  prefix: z.string(),
  allowedOrigins: z.array(z.string()).optional(),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().optional(),
});

export const KeyList = z.object({ keys: z.array(KeyInfo) }).meta({
  example: {
    keys: [
      { id: '0d9f7a9e-2c55-4c8e-9a53-2f3f6c1b7e10', kind: 'api', prefix: 'tk_3q2-', createdAt: '2025-03-04T09:12:03.120Z' },
      {
        id: '5c1e2b7a-9d4f-4a3e-8b6c-1f0e2d3c4b5a',
        kind: 'widget',
        prefix: 'wk_8hd-',
        allowedOrigins: ['https://acme.example'],
        createdAt: '2025-03-04T09:13:00.000Z',
        revokedAt: '2025-03-05T10:00:00.000Z',
      },
    ],
  },
});

export const Revoked = z
  .object({ id: z.uuid(), revoked: z.literal(true) })
  .meta({ example: { id: '0d9f7a9e-2c55-4c8e-9a53-2f3f6c1b7e10', revoked: true } });

export const CustomerRow = z
  .strictObject({
    id: z.string().min(1).max(200),
    tier: CustomerTier,
    vip: z.boolean().default(false),
  })
  .meta({ example: { id: 'cust-42', tier: 'enterprise', vip: true } });

export const CustomerRows = z.array(CustomerRow).min(1).max(10_000);

export const SetIdentitySecret = z
  .strictObject({
    secret: z
      .string()
      .min(32, 'a chosen identity secret needs at least 32 characters')
      .max(200)
      .optional()
      .meta({ description: 'The secret to use, e.g. one the host site already has; omitted, a new one is generated' }),
  })
  .meta({ example: {} });

export const IdentitySecret = z
  .object({
    tenantId: z.string(),
    secret: z.string().meta({ description: "The HMAC key of the widget's `data-user-hash`: shown this once" }),
  })
  .meta({ example: { tenantId: 'acme', secret: 'wis_9Jx2…' } });

export const Imported = z.object({ imported: z.number().int() }).meta({ example: { imported: 2 } });
