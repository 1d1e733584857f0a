/**
 * Whether an article's URL is an absolute http(s) link. Widgets render it as a link on customers'
 * pages, where a `javascript:` or `data:` URL would run as the page.
 */
export const isWebUrl = (url: string): boolean => {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

/** The sentence both import paths refuse such a URL with. */
export const notWebUrl = (articleId: string, url: string): string =>
  `article "${articleId}" has a "url" that is not an http(s) link: ${JSON.stringify(url)}`;
