import { loadConfig, runStandalone } from '@triage/runtime';
import { SlaWatchConfig } from './config.ts';
import { composeSlaWatch } from './service.ts';

await runStandalone('sla-watch', (deps) => composeSlaWatch({ ...deps, config: loadConfig(SlaWatchConfig) }));
