/** An operator asked to create a tenant that already exists. */
export class TenantExists extends Error {
  readonly tenantId: string;

  constructor(tenantId: string) {
    super(`tenant ${tenantId} already exists`);
    this.name = 'TenantExists';
    this.tenantId = tenantId;
  }
}

/** A key was asked for a tenant that does not exist. */
export class UnknownTenant extends Error {
  readonly tenantId: string;

  constructor(tenantId: string) {
    super(`tenant ${tenantId} does not exist`);
    this.name = 'UnknownTenant';
    this.tenantId = tenantId;
  }
}
