import { describe, expect, it } from 'vitest';
import { redactDeep } from '@triage/redaction';
import { createLogger, type LogFields } from '../src/index.ts';

describe('structured logs', () => {
  it('write one JSON line per event with the bound ticket and tenant, and no customer PII', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'intake', write: (l) => lines.push(l), redact: (f) => redactDeep(f) as LogFields });
    logger
      .child({ tenantId: 'acme', ticketId: 't-1' })
      .warn('could not reach kim@acme.test', { card: '4111 1111 1111 1111', note: 'call +44 20 7946 0958' });
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', service: 'intake', tenantId: 'acme', ticketId: 't-1' });
    expect(lines[0]).not.toMatch(/kim@acme\.test|4111 1111|7946/);
    expect(entry.msg).toBe('could not reach [EMAIL]');
  });

  it('drops lines below the configured level and serialises errors', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 's', level: 'warn', write: (l) => lines.push(l) });
    logger.info('ignored');
    logger.error('failed', { err: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).err).toMatchObject({ name: 'Error', message: 'boom' });
  });
});
