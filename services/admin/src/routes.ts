import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { errorBody, errorContent, validationHook } from '@triage/http';
import { TenantExists, UnknownTenant } from '@triage/store';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { parseCustomersCsv } from './customers-csv.ts';
import { AdminInputError, UnknownKey } from './errors.ts';
import type { AdminOperations } from './operations.ts';
import {
  CreatedTenant,
  CreateTenant,
  CreateWidgetKey,
  CustomerRows,
  Imported,
  IssuedKey,
  KeyList,
  KeyParams,
  Revoked,
  IdentitySecret,
  SetIdentitySecret,
  TenantList,
  TenantParams,
} from './schemas.ts';

const json = <S extends z.ZodType>(description: string, schema: S) => ({ description, content: { 'application/json': { schema } } });
const unauthorized = {
  401: errorContent('Missing or wrong operator token'),
  403: errorContent('The admin API is off: OPERATOR_TOKEN is not set'),
};

const createTenantRoute = createRoute({
  method: 'post',
  path: '/admin/v1/tenants',
  summary: 'Create a tenant',
  request: { body: { ...json('The new tenant', CreateTenant), required: true } },
  responses: {
    201: json('Created', CreatedTenant),
    400: errorContent('Invalid tenant id or name'),
    409: errorContent('The tenant already exists (`tenant_exists`)'),
    ...unauthorized,
  },
});

const listTenantsRoute = createRoute({
  method: 'get',
  path: '/admin/v1/tenants',
  summary: 'Every tenant, with how many live API and widget keys it has',
  responses: { 200: json('The tenants', TenantList), ...unauthorized },
});

const createKeyRoute = createRoute({
  method: 'post',
  path: '/admin/v1/tenants/{tenant}/keys',
  summary: 'Create an API key for a tenant; the key is in this response only, the store keeps its hash',
  request: { params: TenantParams },
  responses: {
    201: json('The new key', IssuedKey),
    400: errorContent('Invalid tenant id'),
    404: errorContent('No such tenant (`unknown_tenant`)'),
    ...unauthorized,
  },
});

const listKeysRoute = createRoute({
  method: 'get',
  path: '/admin/v1/tenants/{tenant}/keys',
  summary: "A tenant's API and widget keys, revoked ones too: ids and prefixes, never the keys",
  request: { params: TenantParams },
  responses: { 200: json('The keys', KeyList), 404: errorContent('No such tenant (`unknown_tenant`)'), ...unauthorized },
});

const createWidgetKeyRoute = createRoute({
  method: 'post',
  path: '/admin/v1/tenants/{tenant}/widget-keys',
  summary: 'Create a widget key that works from the given sites only; the key is in this response only',
  request: {
    params: TenantParams,
    body: {
      ...json('The sites that may embed the widget', CreateWidgetKey.meta({ example: { origins: ['https://acme.example'] } })),
      required: true,
    },
  },
  responses: {
    201: json('The new widget key', IssuedKey),
    400: errorContent('An origin is not https://host[:port] or http://localhost[:port]'),
    404: errorContent('No such tenant (`unknown_tenant`)'),
    ...unauthorized,
  },
});

const revokeKeyRoute = createRoute({
  method: 'delete',
  path: '/admin/v1/keys/{id}',
  summary: 'Revoke an API or widget key by its id; intake stops accepting it within KEY_CACHE_MS',
  request: { params: KeyParams },
  responses: {
    200: json('Revoked', Revoked),
    400: errorContent('Malformed key id'),
    404: errorContent('No live key has this id (`unknown_key`)'),
    ...unauthorized,
  },
});

const importCustomersRoute = createRoute({
  method: 'post',
  path: '/admin/v1/tenants/{tenant}/customers',
  summary: "Insert or update a tenant's customers (tier, VIP), as JSON or as CSV with the header id,tier,vip; all or nothing",
  request: {
    params: TenantParams,
    body: {
      content: {
        'application/json': { schema: CustomerRows.meta({ example: [{ id: 'cust-42', tier: 'enterprise', vip: true }] }) },
        'text/csv': { schema: z.string().meta({ example: 'id,tier,vip\ncust-42,enterprise,true\ncust-43,free,false\n' }) },
      },
      // Required in fact (an empty list is refused), but a required body makes the JSON validator
      // read a CSV body as JSON too.
      required: false,
    },
  },
  responses: {
    200: json('How many customers were stored', Imported),
    400: errorContent('A row is invalid (the CSV line is named); nothing was stored'),
    404: errorContent('No such tenant (`unknown_tenant`)'),
    ...unauthorized,
  },
});

const setIdentitySecretRoute = createRoute({
  method: 'put',
  path: '/admin/v1/tenants/{tenant}/identity-secret',
  summary:
    "Set the tenant's widget identity secret, which its site signs user ids with (data-user-hash), to a chosen or a new one; it is in this response only",
  request: {
    params: TenantParams,
    // Optional: no body (or `{}`) asks for a new secret.
    body: { ...json('A chosen secret, or none for a new one', SetIdentitySecret), required: false },
  },
  responses: {
    200: json('The secret now in force; the one before it no longer verifies', IdentitySecret),
    400: errorContent('A chosen secret shorter than 32 characters, or an invalid tenant id'),
    404: errorContent('No such tenant (`unknown_tenant`)'),
    ...unauthorized,
  },
});

/** The status and code an operation's refusal is answered with; anything else is the app's 500. */
const refusal = (error: unknown): [ContentfulStatusCode, string] | undefined => {
  if (error instanceof AdminInputError) return [400, 'invalid_request'];
  if (error instanceof TenantExists) return [409, 'tenant_exists'];
  if (error instanceof UnknownTenant) return [404, 'unknown_tenant'];
  if (error instanceof UnknownKey) return [404, 'unknown_key'];
  return undefined;
};

export const adminRoutes = (ops: AdminOperations) =>
  new OpenAPIHono({ defaultHook: validationHook })
    .onError((error, c) => {
      const known = refusal(error);
      if (!known) throw error;
      return c.json(errorBody(known[1], error.message), known[0]);
    })
    .openapi(createTenantRoute, async (c) => c.json(await ops.createTenant(c.req.valid('json')), 201))
    .openapi(listTenantsRoute, async (c) => c.json({ tenants: await ops.listTenants() }, 200))
    .openapi(createKeyRoute, async (c) => c.json(await ops.createApiKey(c.req.valid('param').tenant), 201))
    .openapi(listKeysRoute, async (c) => c.json({ keys: await ops.listKeys(c.req.valid('param').tenant) }, 200))
    .openapi(createWidgetKeyRoute, async (c) =>
      c.json(await ops.createWidgetKey(c.req.valid('param').tenant, c.req.valid('json').origins), 201),
    )
    .openapi(revokeKeyRoute, async (c) => c.json(await ops.revokeKey(c.req.valid('param').id), 200))
    .openapi(setIdentitySecretRoute, async (c) =>
      c.json(await ops.setIdentitySecret(c.req.valid('param').tenant, c.req.valid('json')?.secret), 200),
    )
    .openapi(importCustomersRoute, async (c) => {
      const { tenant } = c.req.valid('param');
      const csv = c.req.header('content-type')?.startsWith('text/csv');
      return c.json(await ops.importCustomers(tenant, csv ? parseCustomersCsv(await c.req.text(), 'body') : c.req.valid('json')), 200);
    });
