export { RtConnectorConfig } from './config.ts';
export { composeRtConnector, type RtConnectorDeps } from './service.ts';
export { RtTenants } from './tenants.ts';
