import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// The patched module itself (patches/kafkajs+2.2.4.patch), driven by a stand-in cluster so that a
// broker's error answers can be chosen.
const createEosManager = createRequire(import.meta.url)('kafkajs/src/producer/eosManager') as (options: Record<string, unknown>) => {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  addPartitionsToTransaction(topics: { topic: string; partitions: { partition: number }[] }[]): Promise<void>;
  commit(): Promise<void>;
};

const brokerError = (type: string) => Object.assign(new Error(type), { type });

const standIn = () => {
  const calls = { lookups: 0, fails: [] as string[] };
  const broker = {
    nodeId: 1,
    initProducerId: async () => ({ producerId: 7, producerEpoch: 0 }),
    addPartitionsToTxn: async () => {
      const fail = calls.fails.shift();
      if (fail) throw brokerError(fail);
    },
    endTxn: async () => undefined,
  };
  const cluster = {
    retry: { retries: 0 },
    refreshMetadataIfNecessary: async () => undefined,
    findGroupCoordinator: async () => {
      calls.lookups += 1;
      return broker;
    },
    findBroker: async () => broker,
  };
  const noop = () => undefined;
  const logger = { debug: noop, info: noop, warn: noop, error: noop };
  const eos = createEosManager({ logger, cluster, transactionTimeout: 1_000, transactional: true, transactionalId: 'standin' });
  const addPartition = (topic: string) => eos.addPartitionsToTransaction([{ topic, partitions: [{ partition: 0 }] }]);
  return { calls, eos, addPartition };
};

describe('kafkajs transaction coordinator cache (patched)', () => {
  it('keeps the coordinator through routine CONCURRENT_TRANSACTIONS and looks it up again after any other failure', async () => {
    const { calls, eos, addPartition } = standIn();
    await eos.initProducerId();
    eos.beginTransaction();
    await addPartition('a');
    await eos.commit();
    const found = calls.lookups;

    eos.beginTransaction();
    calls.fails.push('CONCURRENT_TRANSACTIONS');
    await expect(addPartition('b')).rejects.toThrow('CONCURRENT_TRANSACTIONS');
    await addPartition('b');
    expect(calls.lookups).toBe(found);

    calls.fails.push('NOT_COORDINATOR_FOR_GROUP');
    await expect(addPartition('c')).rejects.toThrow('NOT_COORDINATOR_FOR_GROUP');
    await addPartition('c');
    await eos.commit();
    expect(calls.lookups).toBe(found + 1);
  });
});
