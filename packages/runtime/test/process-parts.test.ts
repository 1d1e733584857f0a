import { describe, expect, it } from 'vitest';
import { createLifecycle, createLogger, readinessGate, type Component } from '../src/index.ts';

const logger = createLogger({ service: 'parts-test', level: 'error' });

describe('readinessGate', () => {
  it('is ready only between the start of every part and the beginning of stopping', async () => {
    const seen: string[] = [];
    const readiness = readinessGate(() => seen.push('ready'));
    const part = (name: string): Component => ({
      name,
      start: async () => void seen.push(`start ${name}: ready=${readiness.isReady()}`),
      drain: async () => void seen.push(`drain ${name}: ready=${readiness.isReady()}`),
    });
    const lifecycle = createLifecycle([part('a'), part('b'), readiness.component], logger);
    expect(readiness.isReady()).toBe(false);
    await lifecycle.start();
    expect(readiness.isReady()).toBe(true);
    await lifecycle.stop();
    expect(readiness.isReady()).toBe(false);
    expect(seen).toEqual(['start a: ready=false', 'start b: ready=false', 'ready', 'drain b: ready=false', 'drain a: ready=false']);
  });
});
