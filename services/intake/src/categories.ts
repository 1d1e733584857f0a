import type { Taxonomy } from '@triage/contracts';
import type { Store } from '@triage/store';

export interface Category {
  name: string;
  description?: string | undefined;
  defaultKind?: 'incident' | 'service_request' | undefined;
  /** `taxonomy`: the deployment's (`TAXONOMY_FILE`); `examples`: one only the tenant's own labeled examples name. */
  source: 'taxonomy' | 'examples';
}

/**
 * The categories a tenant's tickets may be sorted into: the taxonomy's, which the shared model knows,
 * then those the tenant's own examples and corrections add, which its own model learns.
 */
export const tenantCategories =
  (store: Store, taxonomy: Taxonomy) =>
  async (tenantId: string): Promise<Category[]> => {
    const known = new Set(taxonomy.categories.map((c) => c.name));
    const own = (await store.examples.categories(tenantId)).filter((name) => !known.has(name));
    return [
      ...taxonomy.categories.map((c) => ({ ...c, source: 'taxonomy' as const })),
      ...own.map((name) => ({ name, source: 'examples' as const })),
    ];
  };
