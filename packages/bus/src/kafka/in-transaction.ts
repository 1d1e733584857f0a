import type { Producer, Transaction } from 'kafkajs';

/** Runs `work` in one Kafka transaction of `producer`: committed if it resolves, aborted (and the error rethrown) if not. */
export const inTransaction = async <T>(producer: Producer, work: (transaction: Transaction) => Promise<T>): Promise<T> => {
  const transaction = await producer.transaction();
  try {
    const result = await work(transaction);
    await transaction.commit();
    return result;
  } catch (error) {
    await transaction.abort().catch(() => undefined);
    throw error;
  }
};
