import { loadConfig, runStandalone } from '@triage/runtime';
import { RtConnectorConfig } from './config.ts';
import { composeRtConnector } from './service.ts';

await runStandalone('rt-connector', (deps) => composeRtConnector({ ...deps, config: loadConfig(RtConnectorConfig) }));
