import { TextAnalysis } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze.ts';

describe('analyzeText', () => {
  it('reads signals and entities into the shape the assessed event carries', () => {
    const analysis = analyzeText('Checkout is down for everyone: HTTP 502 since 4.2.0 today\nTypeError: x is undefined');
    expect(analysis.signals.outage).toEqual(['checkout is down']);
    expect(analysis.entities).toMatchObject({ httpStatuses: ['502'], versions: ['4.2.0'], stackTraceHead: 'TypeError: x is undefined' });
    expect(TextAnalysis.parse(JSON.parse(JSON.stringify(analysis)))).toEqual(JSON.parse(JSON.stringify(analysis)));
  });
});
