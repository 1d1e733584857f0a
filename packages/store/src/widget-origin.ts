/**
 * Whether `origin` may be given to a widget key: an https site, or a page on the operator's own
 * machine over plain http. A path, a trailing slash or plain http elsewhere are refused, since the
 * browser's Origin header never matches them or a network could forge the page.
 */
export const isWidgetOrigin = (origin: string): boolean => {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost');
};
