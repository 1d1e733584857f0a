import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const RtName = z.string().trim().min(1).max(200);

/** Per tenant, the RT queue each Triage queue goes to; a queue not listed goes to `defaultQueue`. */
export const RtTenants = z.record(
  z.string().min(1),
  z.strictObject({ queues: z.record(z.string().min(1), RtName).default({}), defaultQueue: RtName.optional() }),
);
export type RtTenants = z.infer<typeof RtTenants>;

/** Read once, at start: a bad file stops the connector with the field at fault. */
export const loadRtTenants = async (file: string): Promise<RtTenants> => {
  const parsed = RtTenants.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`RT_TENANTS_FILE ${file}: ${parsed.error.message}`);
  return parsed.data;
};

/** Whether the tenant goes to RT at all, and to which queue; undefined when the tenant is not configured. */
export const rtQueueOf = (tenants: RtTenants, tenantId: string, queue: string): { queue: string | undefined } | undefined => {
  const tenant = tenants[tenantId];
  return tenant && { queue: tenant.queues[queue] ?? tenant.defaultQueue };
};
