import { spawnSync } from 'node:child_process';
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

  it('scrub errors and bound fields too, and write time, level, service and msg on every line', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 's', write: (l) => lines.push(l), redact: (f) => redactDeep(f) as LogFields });
    const err = Object.assign(new Error('no reply from kim@acme.test'), { code: 'E_TIMEOUT', detail: 'card 4111 1111 1111 1111' });
    logger.child({ requester: 'kim@acme.test' }).error('send failed', { err });
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'error', service: 's', msg: 'send failed', err: { code: 'E_TIMEOUT' } });
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    expect(lines[0]).not.toMatch(/kim@acme\.test|4111 1111/);
  });

  it('do not lose lines written just before process.exit', () => {
    const logger = new URL('../src/logger.ts', import.meta.url).href;
    const script = `const { createLogger } = await import(${JSON.stringify(logger)});
      const log = createLogger({ service: 's' });
      for (let i = 0; i < 2000; i++) log.info('line ' + i, { pad: 'x'.repeat(1000) });
      process.exit(0);`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const lines = child.stdout.trim().split('\n');
    expect(lines).toHaveLength(2000);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: 'line 1999', service: 's' });
  });
});
