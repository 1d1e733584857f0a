import { TextAnalysis } from '@triage/contracts';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../src/analyze.ts';
import { SPANISH_LOGIN } from './issue-tickets.ts';

describe('analyzeText', () => {
  it('reads signals, entities and language into the shape the assessed event carries', () => {
    const analysis = analyzeText('Checkout is down for everyone: HTTP 502 since 4.2.0 today\nTypeError: x is undefined');
    expect(analysis.signals.outage).toEqual(['checkout is down']);
    expect(analysis.entities.httpStatuses).toEqual([{ value: '502', start: 36, end: 39 }]);
    expect(analysis.entities.versions.map((v) => v.value)).toEqual(['4.2.0']);
    expect(analysis.entities.stackTraceHead).toBe('TypeError: x is undefined');
    expect(analysis.language?.code).toBe('en');
    expect(TextAnalysis.parse(JSON.parse(JSON.stringify(analysis)))).toEqual(JSON.parse(JSON.stringify(analysis)));
  });

  it('records the language of a Spanish ticket', () => {
    expect(analyzeText(SPANISH_LOGIN).language?.code).toBe('es');
  });

  it('records no language where the text has too few words to tell', () => {
    expect(analyzeText('E_SCHEMA_4411').language).toBeUndefined();
    expect(TextAnalysis.safeParse(analyzeText('E_SCHEMA_4411')).success).toBe(true);
  });
});
