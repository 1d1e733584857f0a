export { ADMIN_OPENAPI_PATH, createAdminApp } from './app.ts';
export { parseCustomersCsv } from './customers-csv.ts';
export { AdminInputError, UnknownKey, UnknownWebhook } from './errors.ts';
export { adminOperations, type AdminOperations, type AdminOptions, type CreatedKey } from './operations.ts';
export type { CreatedWebhook, WebhookInfo, WebhookOperations } from './webhook-operations.ts';
export { composeAdmin, type AdminServiceDeps } from './service.ts';
