import { describe, expect, it } from 'vitest';
import { DlqHeaders, REPLAY_OF_HEADER, replayHeaders } from '../src/index.ts';
import { deadLetter } from '../src/dead-letter.ts';

const failed = {
  topic: 'tickets.received',
  partition: 2,
  offset: '41',
  key: 'k',
  value: Buffer.from('{}'),
  headers: { traceparent: 't', origin: 'api' },
};

describe('dead letters and their replay', () => {
  it('records where the failed message sat, beside why it failed', () => {
    const { topic, message } = deadLetter(
      'categorizer',
      failed,
      { reason: 'contract violation: id', attempts: 3 },
      new Date('2026-11-24T08:00:00Z'),
    );
    expect(topic).toBe('dlq.categorizer');
    expect(message.headers).toEqual({
      traceparent: 't',
      origin: 'api',
      [DlqHeaders.reason]: 'contract violation: id',
      [DlqHeaders.stage]: 'categorizer',
      [DlqHeaders.attempts]: '3',
      [DlqHeaders.sourceTopic]: 'tickets.received',
      [DlqHeaders.sourcePartition]: '2',
      [DlqHeaders.sourceOffset]: '41',
      [DlqHeaders.failedAt]: '2026-11-24T08:00:00.000Z',
    });
  });

  it('sends the message back with its own headers and the delivery it replays', () => {
    const letter = deadLetter('categorizer', failed, { reason: 'boom', attempts: 1 }).message;
    expect(replayHeaders(letter.headers!)).toEqual({ traceparent: 't', origin: 'api', [REPLAY_OF_HEADER]: 'tickets.received/2/41' });
  });

  it('keeps naming the first delivery when a replayed message fails again', () => {
    const replayed = { ...failed, offset: '97', headers: { origin: 'api', [REPLAY_OF_HEADER]: 'tickets.received/2/41' } };
    const again = deadLetter('categorizer', replayed, { reason: 'boom', attempts: 1 }).message;
    expect(replayHeaders(again.headers!)[REPLAY_OF_HEADER]).toBe('tickets.received/2/41');
  });

  it('replays a letter written before positions were recorded as a new delivery', () => {
    const old = { origin: 'api', [DlqHeaders.reason]: 'boom', [DlqHeaders.sourceTopic]: 'tickets.received' };
    expect(replayHeaders(old)).toEqual({ origin: 'api' });
  });
});
