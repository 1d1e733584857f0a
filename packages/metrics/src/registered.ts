import type { Metric, Registry } from 'prom-client';

/**
 * The metric called `name` on `registry`, created by `create` the first time. prom-client refuses
 * a second registration of a name, and one process may compose several services on one registry.
 */
export const registered = <M extends Metric>(registry: Registry, name: string, create: () => M): M =>
  (registry.getSingleMetric(name) as M | undefined) ?? create();
