import { createInProcessBus } from '../src/index.ts';
import { describeBusConformance } from './conformance.ts';

describeBusConformance('in-process', () => ({
  open: (options) => createInProcessBus(options),
  cleanup: async () => undefined,
}));
