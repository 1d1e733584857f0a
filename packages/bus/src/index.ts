export * from './types.ts';
export { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
export { replayHeaders } from './dead-letter.ts';
export { createInProcessBus, type InProcessBusOptions } from './in-process/create-in-process-bus.ts';
export type { BusJournal, CommittedOffset, JournaledMessage } from './in-process/journal.ts';
export { createKafkaBus, type KafkaBus } from './kafka/create-kafka-bus.ts';
export type { KafkaBusOptions, LostSubscription } from './kafka/options.ts';
export { inOneTransaction, inTransaction } from './kafka/in-transaction.ts';
