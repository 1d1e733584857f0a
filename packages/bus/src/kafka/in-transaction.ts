import { type Kafka, Partitioners, type Producer, type Transaction } from 'kafkajs';

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

/**
 * Runs `work` in one transaction of a producer opened for it and closed after: for a tool that
 * commits once (a dead-letter replay, a readiness probe). Its stable `transactionalId` fences a
 * concurrent run of the same tool.
 */
export const inOneTransaction = async <T>(
  kafka: Kafka,
  transactionalId: string,
  work: (transaction: Transaction) => Promise<T>,
): Promise<T> => {
  const producer = kafka.producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    return await inTransaction(producer, work);
  } finally {
    await producer.disconnect();
  }
};
