import { describe, expect, it } from 'vitest';
import type { EntitySpan } from '@triage/contracts';
import { entityCount, extractEntities } from '../src/entities.ts';
import { SDK_REGRESSION } from './issue-tickets.ts';

const valuesOf = (spans: EntitySpan[]): string[] => spans.map((s) => s.value);

/** Every span points at the words it was read from. */
const expectSpansInText = (text: string, spans: EntitySpan[]) => {
  for (const s of spans) expect(text.slice(s.start, s.end).toLowerCase()).toBe(s.value.toLowerCase());
};

describe('technical entities', () => {
  it('types the SDK regression ticket right: the error code, not the order id; versions, not the /v1 path', () => {
    const e = extractEntities(SDK_REGRESSION);
    expect(valuesOf(e.errorCodes)).toEqual(['E_SCHEMA_4411']);
    expect(valuesOf(e.orderIds)).toEqual(['ORD-88213']);
    expect(valuesOf(e.versions)).toEqual(['v3.2.1', '3.1.0']);
    expect(valuesOf(e.httpStatuses)).toEqual(['500']);
    expect(valuesOf(e.urls)).toEqual(['https://api.example.com/v1/orders']);
    expect(valuesOf(e.productAreas)).toContain('api');
    for (const spans of [e.errorCodes, e.orderIds, e.versions, e.httpStatuses, e.urls]) expectSpansInText(SDK_REGRESSION, spans);
    expect(SDK_REGRESSION.slice(e.errorCodes[0]?.start, e.errorCodes[0]?.end)).toBe('E_SCHEMA_4411');
  });

  it('extracts codes, statuses, versions and URLs with their spans', () => {
    const text =
      'Since v2.14 the sync fails with ERR-4012 and E1234 (HTTP 502, then 503 Service Unavailable). ' +
      'Version 3 of the agent is fine. See https://status.example.com/incidents/12. Plan costs $19.99 for 500 users.';
    const e = extractEntities(text);
    expect(valuesOf(e.errorCodes)).toEqual(['ERR-4012', 'E1234']);
    expect(e.errorCodes[0]).toEqual({ value: 'ERR-4012', start: 32, end: 40 });
    expect(valuesOf(e.httpStatuses)).toEqual(['502', '503']);
    expect(valuesOf(e.versions)).toEqual(['v2.14', '3']);
    expect(valuesOf(e.urls)).toEqual(['https://status.example.com/incidents/12']);
    expect(e.stackTraceHead).toBeUndefined();
    expect(entityCount(e)).toBe(6);
  });

  it('reads semantic versions but not IP addresses, decimals or path segments', () => {
    expect(valuesOf(extractEntities('upgraded from 1.2.3 to 1.3.0-beta.1; ping 10.0.0.12; ratio 2.5').versions)).toEqual([
      '1.2.3',
      '1.3.0-beta.1',
    ]);
    expect(extractEntities('GET /api/v2/users and /v1/orders fail').versions).toEqual([]);
  });

  it('reads an order or invoice id as one, even where the text calls it a code', () => {
    const e = extractEntities('Error code: ORD-88213. Invoice #INV-2024-0042 and order number 55512 were charged twice.');
    expect(valuesOf(e.errorCodes)).toEqual([]);
    expect(valuesOf(e.orderIds)).toEqual(['ORD-88213', 'INV-2024-0042', '55512']);
  });

  it('reads a code only where the text calls it an error, not an issue key', () => {
    expect(valuesOf(extractEntities('See HADOOP-1234 for the design').errorCodes)).toEqual([]);
    expect(valuesOf(extractEntities('The job fails with error code ABC-123').errorCodes)).toEqual(['ABC-123']);
    expect(valuesOf(extractEntities('connect ECONNREFUSED, then 0x80070005').errorCodes)).toEqual(['ECONNREFUSED', '0x80070005']);
  });

  it('reads Mozilla error codes and an AWS error name the text calls an error code', () => {
    const e = extractEntities('Component returned failure code: 0x804b0012 (NS_ERROR_UNKNOWN_PROTOCOL); error code: NoSuchBucket');
    expect(valuesOf(e.errorCodes)).toEqual(['0x804b0012', 'NS_ERROR_UNKNOWN_PROTOCOL', 'NoSuchBucket']);
  });

  it('reads versions in user agents and file names, but not HTTP/1.1 or an IP address', () => {
    const agent = 'Mozilla/5.0 (X11; rv:68.0) Firefox/68.0 SeaMonkey/2.53.13 behind 100.92.11.63, HTTP/1.1 403 Forbidden';
    expect(valuesOf(extractEntities(agent).versions)).toEqual(['5.0', '68.0', '2.53.13']);
    expect(valuesOf(extractEntities(agent).httpStatuses)).toEqual(['403']);
    expect(valuesOf(extractEntities('patched rustc-1.51.0 and spark-core-3.3.1-SNAPSHOT.jar on SeaMonkey 2.53.9.1').versions)).toEqual([
      '1.51.0',
      '3.3.1-SNAPSHOT',
      '2.53.9.1',
    ]);
  });

  it('leaves the classes a stack frame names out of the exceptions', () => {
    const e = extractEntities('\tat sun.nio.fs.UnixException.translateToIOException(UnixException.java:84)');
    expect(e.exceptions).toEqual([]);
    expect(e.stackFrames).toHaveLength(1);
  });

  it('takes exception classes, frames and the head of a Java trace', () => {
    const body =
      'Exception in thread "main" java.lang.NullPointerException: boom\n' +
      '\tat org.apache.hadoop.fs.FileSystem.get(FileSystem.java:123)\n' +
      '\tat org.apache.hadoop.Main.main(Main.java:5)\n' +
      'on Hadoop 0.20 with namenode nn1.corp.example.com';
    const e = extractEntities(body);
    expect(valuesOf(e.exceptions)).toEqual(['java.lang.NullPointerException']);
    expect(valuesOf(e.stackFrames)).toEqual([
      'at org.apache.hadoop.fs.FileSystem.get(FileSystem.java:123)',
      'at org.apache.hadoop.Main.main(Main.java:5)',
    ]);
    expect(valuesOf(e.versions)).toEqual(['0.20']);
    expect(valuesOf(e.hostnames)).toEqual(['nn1.corp.example.com']);
    expect(e.stackTraceHead).toBe('Exception in thread "main" java.lang.NullPointerException: boom');
    expectSpansInText(body, [...e.exceptions, ...e.stackFrames, ...e.hostnames]);
  });

  it('takes the exception line of a JavaScript trace', () => {
    const body =
      'It crashes:\nTypeError: Cannot read properties of undefined (reading "id")\n    at render (app.js:10:5)\n    at main (app.js:20:1)';
    const e = extractEntities(body);
    expect(e.stackTraceHead).toBe('TypeError: Cannot read properties of undefined (reading "id")');
    expect(valuesOf(e.exceptions)).toEqual(['TypeError']);
    expect(valuesOf(e.stackFrames)).toEqual(['at render (app.js:10:5)', 'at main (app.js:20:1)']);
  });

  it('takes the exception line and frames of a Python trace, and no feature from a file name', () => {
    const body =
      'Traceback (most recent call last):\n  File "sync.py", line 3, in <module>\nrequests.exceptions.ConnectionError: timed out';
    const e = extractEntities(body);
    expect(e.stackTraceHead).toBe('requests.exceptions.ConnectionError: timed out');
    expect(valuesOf(e.stackFrames)).toEqual(['File "sync.py", line 3, in <module>']);
    expect(e.productAreas).toEqual([]);
  });

  it('falls back to the trace marker line', () => {
    expect(extractEntities('goroutine dump\npanic: runtime error: index out of range').stackTraceHead).toBe(
      'panic: runtime error: index out of range',
    );
  });

  it('names product areas in the words of several languages', () => {
    expect(valuesOf(extractEntities('No puedo iniciar sesión').productAreas)).toEqual(['authentication']);
    expect(valuesOf(extractEntities('I was charged twice on my last invoice').productAreas)).toEqual(['billing']);
  });

  it('keeps hosts of URLs and e-mail addresses out of the hostnames', () => {
    expect(extractEntities('Mail ops@acme.com about https://app.acme.io/x and db1.acme.internal').hostnames.map((h) => h.value)).toEqual([
      'db1.acme.internal',
    ]);
  });

  it('caps each kind so a pasted log cannot grow the event without bound', () => {
    const log = Array.from({ length: 200 }, (_, i) => `E${1000 + i}`).join(' ');
    expect(extractEntities(log).errorCodes).toHaveLength(20);
  });

  it('stays fast on a huge single line', () => {
    const start = performance.now();
    for (const blob of ['A'.repeat(20_000), 'a.'.repeat(10_000), 'at '.repeat(7_000), `${'x'.repeat(20_000)}Exception`])
      extractEntities(blob);
    expect(performance.now() - start).toBeLessThan(200);
  });
});
