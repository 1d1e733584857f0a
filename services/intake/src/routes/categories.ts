import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { TicketKind } from '@triage/contracts';
import { type ApiEnv, validationHook } from '@triage/http';
import type { Category } from '../categories.ts';

const CategoryList = z
  .object({
    categories: z.array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        defaultKind: TicketKind.optional(),
        source: z
          .enum(['taxonomy', 'examples'])
          .meta({ description: "`taxonomy`: the deployment's; `examples`: named only by this tenant's own labeled examples" }),
      }),
    ),
  })
  .meta({
    example: {
      categories: [
        {
          name: 'network',
          description: 'Connectivity problems and changes: VPN, Wi-Fi, internet, DNS, firewalls, certificates, latency and mail routing.',
          defaultKind: 'incident',
          source: 'taxonomy',
        },
        { name: 'payroll', source: 'examples' },
      ],
    },
  });

const listRoute = createRoute({
  method: 'get',
  path: '/v1/categories',
  summary: "The caller's taxonomy: the categories tickets are sorted into, and a correction may name",
  responses: { 200: { description: 'The categories', content: { 'application/json': { schema: CategoryList } } } },
});

export const categoryRoutes = (categoriesOf: (tenantId: string) => Promise<Category[]>) =>
  new OpenAPIHono<ApiEnv>({ defaultHook: validationHook }).openapi(listRoute, async (c) =>
    c.json({ categories: await categoriesOf(c.get('tenantId')) }, 200),
  );
