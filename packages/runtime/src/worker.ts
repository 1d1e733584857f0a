import type { Topic } from '@triage/contracts';
import type { Bus, Delivery, Outgoing, Subscription } from '@triage/bus';
import type { Component } from './lifecycle.ts';

/**
 * One consuming stage: what it reads, as which group, and what it does with a batch. `handler` is
 * declared as a method so a worker of one topic can sit in a list of workers of any topic.
 */
export interface Worker<T extends Topic = Topic> {
  name: string;
  topic: T;
  group: string;
  handler(batch: Delivery<T>[]): Promise<Outgoing[]>;
  maxBatchSize?: number;
  /** Watches without publishing: commits without a transaction (see SubscribeOptions). */
  observer?: boolean;
  /** Its outputs' readers skip duplicates: published without a transaction (see SubscribeOptions). */
  atLeastOnce?: boolean;
}

/** Subscribes a worker when the process starts and, on stop, lets its in-flight batch finish and commit. */
export const workerComponent = (bus: Bus, worker: Worker): Component => {
  let subscription: Subscription | undefined;
  return {
    name: `worker:${worker.name}`,
    async start() {
      subscription = await bus.subscribe({
        topic: worker.topic,
        group: worker.group,
        handler: (batch) => worker.handler(batch),
        ...(worker.maxBatchSize ? { maxBatchSize: worker.maxBatchSize } : {}),
        ...(worker.observer ? { observer: true } : {}),
        ...(worker.atLeastOnce ? { atLeastOnce: true } : {}),
      });
    },
    async drain() {
      await subscription?.stop();
    },
  };
};
