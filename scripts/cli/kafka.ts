import { connect } from 'node:net';
import { Unreachable } from './failures.ts';

const PROBE_MS = 3_000;

const answers = (broker: string): Promise<boolean> =>
  new Promise((resolve) => {
    const [host = '127.0.0.1', port = '9092'] = broker.split(/:(?=\d+$)/);
    const socket = connect({ host, port: Number(port), timeout: PROBE_MS });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });

/**
 * Fails in one line when no broker accepts a connection: kafkajs would otherwise retry for half a
 * minute and end in a stack trace.
 */
export const assertKafkaReachable = async (brokers: string[]): Promise<void> => {
  if ((await Promise.all(brokers.map(answers))).some(Boolean)) return;
  throw new Unreachable(
    `cannot reach Kafka at ${brokers.join(',')} (KAFKA_BROKERS): start it with \`npm run infra:up\`, or point KAFKA_BROKERS at your brokers`,
  );
};
