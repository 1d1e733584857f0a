/** A sentence a reader would see, the index of the body word it starts at (words as `chunkText` splits them), and its section. */
interface Sentence {
  text: string;
  word: number;
  /** Headings count up: an excerpt stays under one, rather than run on into the next topic. */
  section: number;
}

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Inline Markdown as the words it shows: link and image text stay, the syntax goes. */
const inlinePlain = (text: string): string =>
  text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\*(\S[^*]*?)\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

// A sentence ends at . ! or ? (and any closing quote or bracket) before a capital, a digit or an opening quote.
const SENTENCE_END = /(?<=[.!?]["'”’)]*)\s+(?=["“(]?[A-Z0-9])/;
const LIST_ITEM = /^(?:[-*+]|\d{1,3}[.)])\s+/;
const HEADING = /^#{1,6}\s/;
const SKIPPED_LINE = /^(?:#{1,6}\s|\||(?:[-*_]\s*){3,}$)/;
const FENCE = /^(?:```|~~~)/;

/**
 * An article's readable sentences: headings, tables, rules and code are left out (they are not
 * prose), each list item counts as its own sentence, and inline syntax is removed.
 */
const sentencesOf = (markdown: string): Sentence[] => {
  const sentences: Sentence[] = [];
  let block: { lines: string[]; word: number; item: boolean } | undefined;
  const flush = () => {
    if (!block) return;
    let text = inlinePlain(block.lines.join(' '));
    if (block.item && text && !/[.!?:;]["'”’)]*$/.test(text)) text += '.';
    let word = block.word;
    for (const part of text.split(SENTENCE_END).filter(Boolean)) {
      sentences.push({ text: part, word, section });
      word += wordCount(part);
    }
    block = undefined;
  };
  let word = 0;
  let section = 0;
  let inFence = false;
  for (const line of markdown.split('\n')) {
    const trimmed = line.trim();
    const words = wordCount(trimmed);
    if (FENCE.test(trimmed)) inFence = !inFence;
    if (inFence || FENCE.test(trimmed) || !trimmed || SKIPPED_LINE.test(trimmed)) {
      flush();
      if (!inFence && HEADING.test(trimmed)) section++;
    } else {
      const marker = /^>\s*/.exec(trimmed)?.[0] ?? LIST_ITEM.exec(trimmed)?.[0] ?? '';
      const content = trimmed.slice(marker.length);
      if (LIST_ITEM.test(trimmed)) flush();
      if (block) block.lines.push(content);
      else block = { lines: [content], word: word + wordCount(marker), item: LIST_ITEM.test(trimmed) };
    }
    word += words;
  }
  flush();
  return sentences;
};

/** Cut to whole words within `max` characters, with an ellipsis: for a first sentence longer than the excerpt. */
const cutToWords = (text: string, max: number): string => {
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > max / 2 ? lastSpace : cut.length)}…`;
};

/**
 * A readable excerpt of a Markdown article: whole sentences from the first one that starts at or
 * after body word `fromWord` (where the passage that matched begins), as many of its section's as
 * fit in `max` characters, without Markdown syntax. Only a first sentence longer than `max` is cut mid-way.
 */
export const excerptOf = (markdown: string, max: number, fromWord = 0): string => {
  const sentences = sentencesOf(markdown);
  const first = sentences.findIndex((s) => s.word >= fromWord);
  const chosen = sentences.slice(first === -1 ? Math.max(0, sentences.length - 1) : first);
  if (chosen.length === 0) return '';
  if (chosen[0]!.text.length > max) return cutToWords(chosen[0]!.text, max);
  let excerpt = chosen[0]!.text;
  for (const { text, section } of chosen.slice(1)) {
    if (section !== chosen[0]!.section || excerpt.length + 1 + text.length > max) break;
    excerpt += ` ${text}`;
  }
  return excerpt;
};

/** Words of a passage compared to find where it starts in its article; enough to be unique in practice. */
const ANCHOR_WORDS = 12;

/**
 * The index of the body word a stored passage begins at: chunks are windows of the body's words
 * joined by single spaces (line breaks lost), so the article itself is read for the sentences.
 * 0 when the passage is not found word for word (the body changed since it was chunked).
 */
export const passageStart = (body: string, passage: string): number => {
  const words = body.split(/\s+/).filter(Boolean);
  const anchor = passage.split(/\s+/).filter(Boolean).slice(0, ANCHOR_WORDS);
  if (anchor.length === 0) return 0;
  for (let start = 0; start + anchor.length <= words.length; start++) {
    if (anchor.every((w, i) => words[start + i] === w)) return start;
  }
  return 0;
};
