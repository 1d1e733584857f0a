import { describe, expect, it } from 'vitest';
import { defaultEscalationPolicy, parseEscalationPolicy } from '../src/policy.ts';

describe('escalation policy', () => {
  it('has ITIL-like defaults from enterprise P1 to free P4', () => {
    expect(defaultEscalationPolicy.sla.enterprise.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    expect(defaultEscalationPolicy.sla.free.P4).toEqual({ firstResponseMinutes: 48 * 60, resolutionMinutes: 10 * 24 * 60 });
    expect(defaultEscalationPolicy.queues.specialistPrefix).toBe('tier2-');
  });

  it('gets faster for every step up in tier and priority', () => {
    const tiers = ['free', 'pro', 'enterprise'] as const;
    const priorities = ['P4', 'P3', 'P2', 'P1'] as const;
    for (const tier of tiers) {
      const row = priorities.map((p) => defaultEscalationPolicy.sla[tier][p].firstResponseMinutes);
      expect(row).toEqual([...row].sort((a, b) => b - a));
    }
    for (const p of priorities) {
      const column = tiers.map((t) => defaultEscalationPolicy.sla[t][p].resolutionMinutes);
      expect(column).toEqual([...column].sort((a, b) => b - a));
    }
  });

  it('overrides one cell and keeps every other default', () => {
    const policy = parseEscalationPolicy({
      sla: { pro: { P2: { firstResponseMinutes: 45, resolutionMinutes: 600 } } },
      queues: { triage: 'humans' },
    });
    expect(policy.sla.pro.P2).toEqual({ firstResponseMinutes: 45, resolutionMinutes: 600 });
    expect(policy.sla.pro.P1).toEqual(defaultEscalationPolicy.sla.pro.P1);
    expect(policy.sla.enterprise).toEqual(defaultEscalationPolicy.sla.enterprise);
    expect(policy.queues.triage).toBe('humans');
    expect(policy.queues.serviceDesk).toBe(defaultEscalationPolicy.queues.serviceDesk);
  });

  it('rejects a bad policy naming the fields', () => {
    expect(() => parseEscalationPolicy({ sla: { free: { P1: { firstResponseMinutes: 90, resolutionMinutes: 30 } } } })).toThrow(
      /sla\.free\.P1/,
    );
    expect(() => parseEscalationPolicy({ routing: { lowConfidence: 2 } })).toThrow(/routing\.lowConfidence/);
    expect(() => parseEscalationPolicy({ unknown: true })).toThrow(/invalid escalation policy/);
  });
});
