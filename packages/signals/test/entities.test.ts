import { describe, expect, it } from 'vitest';
import { entityCount, extractEntities } from '../src/entities.ts';

describe('technical entities', () => {
  it('extracts codes, statuses, versions and URLs', () => {
    const e = extractEntities(
      'Since v2.14 the sync fails with ERR-4012 and E1234 (HTTP 502, then 503 Service Unavailable). ' +
        'Version 3 of the agent is fine. See https://status.example.com/incidents/12. Plan costs $19.99 for 500 users.',
    );
    expect(e.errorCodes).toEqual(['ERR-4012', 'E1234']);
    expect(e.httpStatuses).toEqual(['502', '503']);
    expect(e.versions).toEqual(['v2.14', '3']);
    expect(e.urls).toEqual(['https://status.example.com/incidents/12']);
    expect(e.stackTraceHead).toBeUndefined();
    expect(entityCount(e)).toBe(6);
  });

  it('reads semantic versions but not IP-like or decimal numbers', () => {
    expect(extractEntities('upgraded from 1.2.3 to 1.3.0-beta.1; ping 10.0.0.12; ratio 2.5').versions).toEqual(['1.2.3', '1.3.0-beta.1']);
  });

  it('takes the exception line of a JavaScript trace', () => {
    const body =
      'It crashes:\nTypeError: Cannot read properties of undefined (reading "id")\n    at render (app.js:10:5)\n    at main (app.js:20:1)';
    expect(extractEntities(body).stackTraceHead).toBe('TypeError: Cannot read properties of undefined (reading "id")');
  });

  it('takes the exception line of a Python trace', () => {
    const body =
      'Traceback (most recent call last):\n  File "sync.py", line 3, in <module>\nrequests.exceptions.ConnectionError: timed out';
    expect(extractEntities(body).stackTraceHead).toBe('requests.exceptions.ConnectionError: timed out');
  });

  it('falls back to the trace marker line', () => {
    expect(extractEntities('goroutine dump\npanic: runtime error: index out of range').stackTraceHead).toBe(
      'panic: runtime error: index out of range',
    );
  });

  it('stays fast on a huge single line', () => {
    const blob = 'A'.repeat(20_000);
    const start = performance.now();
    extractEntities(blob);
    expect(performance.now() - start).toBeLessThan(50);
  });
});
