import { readFileSync } from 'node:fs';
import { chunkText } from '@triage/ml';
import type { Article } from '@triage/store';
import { describe, expect, it } from 'vitest';
import { cachedExcerpts } from '../src/excerpts.ts';
import { excerptOf, passageStart } from '../src/snippet.ts';

const file = readFileSync('data/seed/kb/reset-password.md', 'utf8');
const body = file.slice(file.indexOf('\n') + 1);
const article = (text: string): Article => ({ id: 'reset-password', title: 'Reset your password', body: text });

/** The article, counting how often its body is read. */
const counted = (text: string) => {
  const reads = { count: 0 };
  const watched = new Proxy(article(text), {
    get: (target, key) => {
      if (key === 'body') reads.count++;
      return target[key as keyof Article];
    },
  });
  return { watched, reads };
};

describe('cachedExcerpts', () => {
  it('gives the excerpt at the sentence where the matched chunk begins, or at the start when no chunk matched', () => {
    const excerpts = cachedExcerpts(240);
    const ord = 1;
    const passage = chunkText('', body)[ord]!;
    expect(excerpts(article(body), ord)).toBe(excerptOf(body, 240, passageStart(body, passage)));
    expect(excerpts(article(body), undefined)).toBe(excerptOf(body, 240));
    expect(excerpts(article(body), 1)).not.toBe(excerpts(article(body), undefined));
  });

  it('cuts an article once per matched chunk, and an edited copy afresh', () => {
    const excerpts = cachedExcerpts(240);
    const { watched, reads } = counted(body);
    const first = excerpts(watched, 1);
    const readsForOne = reads.count;
    expect(readsForOne).toBeGreaterThan(0);
    expect(excerpts(watched, 1)).toBe(first);
    expect(reads.count).toBe(readsForOne);
    excerpts(watched, undefined);
    expect(reads.count).toBeGreaterThan(readsForOne);

    const edited = article(`A new first sentence. ${body}`);
    expect(excerpts(edited, undefined)).toMatch(/^A new first sentence\./);
  });
});
