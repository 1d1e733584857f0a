import { Topics } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { createInProcessBus, createKafkaBus } from '../src/index.ts';

const handler = async () => [];

describe('bus misuse fails loudly', () => {
  it('createKafkaBus refuses missing or malformed brokers and a missing clientId', () => {
    expect(() => createKafkaBus({ brokers: [], clientId: 'x' })).toThrow('brokers must be a non-empty list of host:port, got []');
    expect(() => createKafkaBus({ brokers: ['localhost'], clientId: 'x' })).toThrow('got ["localhost"]');
    expect(() => createKafkaBus({ brokers: ['localhost:9092'], clientId: '' })).toThrow('clientId is required');
  });

  it('subscribe refuses a bad batch size and a second in-process member of one group', async () => {
    const bus = createInProcessBus();
    await expect(bus.subscribe({ topic: Topics.modelsUpdated, group: 'g', handler, maxBatchSize: 0 })).rejects.toThrow(
      'maxBatchSize must be a positive integer, got 0',
    );
    await bus.subscribe({ topic: Topics.modelsUpdated, group: 'g', handler });
    await expect(bus.subscribe({ topic: Topics.modelsUpdated, group: 'g', handler })).rejects.toThrow(
      'group g already consumes models.updated',
    );
    await bus.close();
  });

  it('a closed bus refuses to publish or subscribe', async () => {
    const bus = createInProcessBus();
    await bus.close();
    await expect(bus.publishRaw('anything', [{ key: null, value: 'x' }])).rejects.toThrow('the bus is closed');
    await expect(bus.subscribe({ topic: Topics.modelsUpdated, group: 'g', handler })).rejects.toThrow('the bus is closed');
  });
});
