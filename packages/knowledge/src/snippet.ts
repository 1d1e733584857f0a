/** Articles are often Markdown; a widget shows the words, not the syntax. */
const plainText = (markdown: string): string =>
  markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/(\*\*|__|`)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');

/** A readable excerpt: whole words, at most `max` characters, with an ellipsis when cut. */
export const snippetOf = (text: string, max: number): string => {
  const flat = plainText(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > max / 2 ? lastSpace : cut.length)}…`;
};

/** Chunks are stored with the article title as their first line; the snippet shows the passage only. */
export const withoutTitleLine = (chunk: string, title: string): string =>
  chunk.startsWith(`${title}\n`) ? chunk.slice(title.length + 1) : chunk;
