import { readFileSync } from 'node:fs';
import { chunkText } from '@triage/ml';
import { describe, expect, it } from 'vitest';
import { excerptOf, passageStart } from '../src/snippet.ts';

const article = readFileSync('data/seed/kb/reset-password.md', 'utf8');
const body = article.slice(article.indexOf('\n') + 1);

describe('excerptOf', () => {
  it('starts an article at its first sentence and ends at a sentence boundary, within the limit and its section', () => {
    const excerpt = excerptOf(body, 240);
    expect(excerpt).toBe(
      "If you can't remember your password, you can set a new one yourself in a couple of minutes. You don't need to contact support unless the reset email never arrives.",
    );
  });

  it('reads a list under a heading as sentences, without the heading, the markers or the emphasis', () => {
    const excerpt = excerptOf(body, 240, body.split(/\s+/).filter(Boolean).indexOf('Go'));
    expect(excerpt).toBe(
      'Go to the sign-in page and click Forgot password? under the password field. Enter the email address you sign in with and click Send reset link. Open the email titled "Reset your password" and click the link within 60 minutes.',
    );
    expect(excerpt).not.toMatch(/[#*`]|\b\d\.\s/);
  });

  it('ends list items without punctuation with a full stop, and drops links, code and tables to their words', () => {
    const markdown = '## Steps\n\n- Open [the console](https://x.test/console)\n- Run `sync --all`\n\n| a | b |\n|---|---|\n\nDone.';
    expect(excerptOf(markdown, 240)).toBe('Open the console. Run sync --all. Done.');
  });

  it('cuts a first sentence longer than the limit at a word, with an ellipsis', () => {
    const excerpt = excerptOf('word '.repeat(100), 50);
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt).toMatch(/word…$/);
  });
});

describe('passageStart', () => {
  it("finds where each stored chunk of an article begins, so the excerpt starts at that chunk's first whole sentence", () => {
    // Cut as the import cuts an article's chunks, without the title line it gives them.
    const chunks = chunkText('', body, { words: 60, overlap: 10 });
    expect(chunks.length).toBeGreaterThan(2);
    const starts = chunks.map((c) => passageStart(body, c));
    expect(starts).toEqual(chunks.map((_, i) => i * 50));
    for (const [i, chunk] of chunks.entries()) {
      const excerpt = excerptOf(body, 240, starts[i]);
      // A whole sentence: it begins with a capital, ends with a full stop, and lies in the article's words.
      expect(excerpt).toMatch(/^["“]?[A-Z].*[.!?]["”]?$/);
      expect(chunk.length).toBeGreaterThan(0);
    }
  });

  it('falls back to the start when the passage is not in the body', () => {
    expect(passageStart(body, 'words that were never there')).toBe(0);
  });
});
