/** An empty id would match the empty `app.tenant_id` of a connection outside any tenant transaction. */
export const assertTenantId = (tenantId: string): string => {
  if (typeof tenantId !== 'string' || tenantId === '') throw new Error('tenantId must be a non-empty string');
  return tenantId;
};
