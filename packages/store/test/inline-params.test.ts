import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { inlineParams } from '../src/inline-params.ts';

describe('inlineParams', () => {
  it('quotes every value, escapes quotes and backslashes, and leaves a `$n` inside a value alone', () => {
    expect(inlineParams({ text: 'SELECT $1, $2, $10, $3', params: ["a'b $2", 5, null, 4, 5, 6, 7, 8, 9, ['x\\y']] })).toBe(
      `SELECT 'a''b $2', '5',  E'{"x\\\\\\\\y"}', NULL`,
    );
  });

  it("writes each string as pg's own escapeLiteral does, quotes and backslashes together included", () => {
    for (const value of ['', "it's", 'C:\\temp', "it's C:\\ and ''", 'ünï’cödé', '[0.25,-1e-7,3]']) {
      expect(inlineParams({ text: 'SELECT $1', params: [value] })).toBe(`SELECT ${pg.escapeLiteral(value)}`);
    }
  });

  it('leaves a `$n` in a string, a quoted name or a comment alone, and refuses dollar quoting', () => {
    const text = `SELECT 'it''s $1', "col$1" -- not $1\n /* nor $1 */ FROM t WHERE a = $1`;
    expect(inlineParams({ text, params: ['x'] })).toBe(`SELECT 'it''s $1', "col$1" -- not $1\n /* nor $1 */ FROM t WHERE a = 'x'`);
    expect(() => inlineParams({ text: 'SELECT $$ $1 $$', params: [1] })).toThrow('dollar quoting');
    expect(() => inlineParams({ text: 'SELECT $body$ $1 $body$', params: [1] })).toThrow('dollar quoting');
  });

  it('refuses what it cannot send as text, and a statement whose `$n` has no value', () => {
    expect(() => inlineParams({ text: 'SELECT $1', params: [Number.NaN] })).toThrow('NaN');
    expect(() => inlineParams({ text: 'SELECT $1', params: [Buffer.from('x')] })).toThrow('binary');
    expect(() => inlineParams({ text: 'SELECT $2', params: [1] })).toThrow('$2 but has 1');
  });
});
