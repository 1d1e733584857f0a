import { runStandalone } from '@triage/runtime';
import { composeLifecycle } from './service.ts';

await runStandalone('lifecycle', composeLifecycle);
