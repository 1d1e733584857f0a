import { NONCE, secureHeaders } from 'hono/secure-headers';

/**
 * hono's hardening headers (nosniff, HSTS, no referrer, same-origin resource and opener policies)
 * for every response, with the CSP of a JSON API: it loads nothing and is framed nowhere. A route
 * that sets its own (a page's CSP, the widget script's cross-origin resource policy) keeps it.
 */
export const securityHeaders = secureHeaders({
  overwrite: false,
  xFrameOptions: 'DENY',
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
});

/**
 * The strict CSP of a server-rendered page: scripts from this origin, inline `<script>` and
 * `<style>` only with the response's nonce (`c.get('secureHeadersNonce')`, written into each tag);
 * style attributes, plugins, `<base>` and framing are refused.
 */
export const pageSecurityHeaders = secureHeaders({
  xFrameOptions: 'DENY',
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'", NONCE],
    styleSrc: [NONCE],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  },
});
