import { runStandalone } from '@triage/runtime';
import { createHandoffWorker } from './worker.ts';

await runStandalone('handoff-composer', async ({ store }) => ({ workers: [createHandoffWorker({ store })] }));
