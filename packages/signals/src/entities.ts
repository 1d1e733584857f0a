import type { EntitySpan, TechnicalEntities } from '@triage/contracts';

/** Enough of each kind for an agent; a pasted log cannot grow the event without bound. */
const MAX_PER_KIND = 20;

// Every repetition is bounded: an unbounded `[\w.]*` backtracks quadratically on a long base64 line.
const URL = /\bhttps?:\/\/[^\s<>"'`]{1,2000}/gi;
const ORDER_ID = /\b(?:ORD|ORDER|INV|INVOICE|PO|SO)[-_#]?\d{3,12}(?:[-_]\d{1,12}){0,3}\b/gi;
const ORDER_ID_AFTER_NOUN =
  /\b(?:order|invoice|receipt|purchase order)\s{1,3}(?:id|number|no\.?|#)?\s{0,3}[:#]?\s{0,3}(#?[A-Za-z0-9][\w-]{0,30}\d[\w-]{0,30})/dgi;
// Codes that say they are errors by their own shape: E_SCHEMA_4411, ERR-4012, E1234, ORA-00942,
// NS_ERROR_FILE_IS_DIRECTORY, 0x80070005, errno names.
const ERROR_CODE =
  /\b(?:(?:E|ERR|ERROR)_[A-Z0-9]{1,40}(?:_[A-Z0-9]{1,40}){0,8}|[A-Z]{2,10}_ERROR_[A-Z0-9_]{2,60}|(?:E|ERR|ERROR|EC|ORA|AADSTS)-?\d{3,10}|0x[\dA-Fa-f]{4,16}|E(?:CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|NOENT|ACCES|PERM|ADDRINUSE|PIPE|HOSTUNREACH))\b/g;
// Any other code counts only where the text calls it one: "error code ABC-123", "fault XY_12",
// "error code: NoSuchBucket".
const CODE_AFTER_NOUN =
  /\b(?:error|errno|code|fault)\s{0,3}(?:code)?\s{0,3}[:#=]?\s{0,3}([A-Z][A-Z0-9]{0,20}(?:[-_][A-Z0-9]{1,20}){0,5}[-_]?\d{2,10}|\d{4,10})\b/dgi;
const NAME_AFTER_ERROR_CODE = /\b[Ee]rror[ _]?[Cc]ode\s{0,3}[:=]?\s{0,3}([A-Z][a-z\d]{1,30}(?:[A-Z][a-z\d]{1,30}){1,6})\b/dg;
const HTTP_STATUS_AFTER_WORD =
  /\b(?:HTTP(?:\/\d(?:\.\d)?)?|status(?: code)?|error|code|returns?|returned|returning|got(?: an?)?|getting(?: an?)?|received|throws?|respond(?:s|ed)?(?: with)?)\s{0,3}:?\s{0,3}([1-5]\d\d)\b|(?:response|status)[ _]?code[^\w\n]{0,20}([1-5]\d\d)\b/dgi;
const HTTP_STATUS_BEFORE_PHRASE =
  /\b([1-5]\d\d)s?\s{1,3}(?:errors?|responses?|status(?:es)?|continue|created|accepted|no content|moved permanently|not modified|temporary redirect|permanent redirect|bad request|unauthorized|payment required|forbidden|not found|method not allowed|not acceptable|request time-?out|conflict|gone|precondition failed|payload too large|unprocessable (?:entity|content)|too many requests|internal server error|not implemented|bad gateway|service unavailable|gateway time-?out)\b/dgi;
// `v` and a number: never next to a slash, so the `v1` of /v1/orders is a path segment, not a version.
const V_VERSION = /(?<![\w./-])v\d{1,6}(?:\.\d{1,6}){0,4}(?:\.x|-[\w.]{1,30})?(?![\w/]|\.\d)/gi;
// Three to five numeric parts, so prices and decimals are not read as versions; a name may come
// before it (rustc-1.51.0, SeaMonkey/2.53.13, hadoop-3.4.0/lib).
const DOTTED_VERSION = /(?<![\w.])\d{1,6}(?:\.\d{1,6}){2,4}(?:\.x|-[\w.]{1,30})?(?!\w|\.\d)/g;
// Two parts only after the word version or a product's name: "Hadoop 0.20", "version 3", "Firefox/68.0"
// (but not HTTP/1.1).
const NAMED_VERSION =
  /\b(?:version|release|ver\.?|sdk|jdk|java|hadoop|node|python|ios|android)\s{1,3}v?(\d{1,6}(?:\.\d{1,6}){0,3})(?![\w/]|\.\d)/dgi;
const PRODUCT_TOKEN_VERSION = /(?<=\b[A-Z][A-Za-z]{2,30}\/)(?<!\bHTTPS?\/)\d{1,6}\.\d{1,6}(?![\w/]|\.\d)/g;
const HOSTNAME =
  /(?<![\w.@/-])(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.){1,10}(?:com|net|org|io|dev|app|co|cloud|ai|info|biz|us|uk|de|fr|es|eu|nl|local|internal|lan|corp|gov|edu|tech|site|online)(?![\w-]|\.[a-z\d])/gi;
const EXCEPTION = /(?<![\w$.])(?:[A-Za-z_$][\w$]{0,80}\.){0,12}[A-Z][\w$]{0,80}(?:Exception|Error|Fault)\b/g;
// Java and JavaScript frames fill their line (a logger may add the jar after it); a Python frame
// may follow a build log's timestamp.
const STACK_FRAME =
  /^[ \t]*(at [\w$.<>[\]/]{1,300} ?\([^)\n]{0,300}\)|at [^\s(]{1,300}:\d{1,7}:\d{1,7})(?:[ \t]{1,10}~?\[[^\]\n]{0,300}\])?[ \t]*$|\b(File "[^"\n]{1,300}", line \d{1,7}(?:, in [^\n]{1,200})?)/dgm;
const EXCEPTION_LINE = /^[ \t]*(?:[\w$]{1,80}\.){0,12}[\w$]{0,80}(?:Error|Exception|Fault)\b(?::.*)?$/m;
const TRACE_MARKER =
  /^[ \t]*(?:Traceback \(most recent call last\):|Exception in thread .*|panic: .*|at [\w$.<>]+ ?\(.*\)|at [\w$.<>]+\(.*\))$/m;

/** Named by the area a support team routes on; the span is the customer's own word for it. */
const PRODUCT_AREAS: readonly (readonly [string, string])[] = [
  [
    'authentication',
    'log ?ins?|logging in|sign(?:ing)? ?in|passwords?|2fa|mfa|two-factor|sso|saml|single sign-on|locked out|iniciar sesión|contraseña|anmelden|passwort|se connecter|mot de passe',
  ],
  ['billing', 'billing|invoices?|invoiced|charged|refunds?|subscriptions?|credit card|factura|rechnung|facture'],
  ['payments', 'payments?|checkout'],
  ['api', 'api|sdk|endpoints?|webhooks?'],
  ['reporting', 'reports?|reporting|dashboards?|analytics|exports?|exporting'],
  ['integrations', 'integrations?|slack|salesforce|zapier'],
  ['notifications', 'notifications?|alerts?|reminder emails?'],
  ['mobile', 'mobile app|ios app|android app|iphone|ipad'],
  ['data import', 'imports?|importing|csv upload|sync|syncing'],
  ['user management', 'permissions?|user roles?|admin (?:rights|role)|invit(?:e|ing) users?'],
];
// One pass for all areas: the group that matched names the area. "sync.py" names a file, not the feature.
const PRODUCT_AREA = new RegExp(PRODUCT_AREAS.map(([, words]) => String.raw`\b(${words})\b(?!\.\w)`).join('|'), 'gi');

// A plain exec loop: matchAll clones the pattern on every call, which cost more than the matching.
const matchesOf = (text: string, pattern: RegExp): RegExpExecArray[] => {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) found.push(m);
  return found;
};

const overlaps = (a: EntitySpan, spans: readonly EntitySpan[]): boolean => spans.some((b) => a.start < b.end && b.start < a.end);

/** The span of a match, or of its first group that matched (patterns carry the `d` flag for group offsets). */
const spanOf = (m: RegExpExecArray): EntitySpan => {
  const group = m.indices?.findIndex((range, i) => i > 0 && range !== undefined) ?? -1;
  const [start, end] = (group > 0 ? m.indices?.[group] : undefined) ?? [m.index, m.index + m[0].length];
  return { value: group > 0 ? (m[group] as string) : m[0], start, end };
};

/** First occurrence of each distinct value, capped, outside the spans that already claimed the text. */
const collect = (
  text: string,
  patterns: readonly RegExp[],
  taken: readonly EntitySpan[] = [],
  clean: (s: EntitySpan) => EntitySpan | undefined = (s) => s,
): EntitySpan[] => {
  const found = new Map<string, EntitySpan>();
  const hits = patterns.flatMap((p) => matchesOf(text, p)).sort((a, b) => a.index - b.index);
  for (const m of hits) {
    const span = clean(spanOf(m));
    if (!span || found.size >= MAX_PER_KIND || found.has(span.value) || overlaps(span, taken)) continue;
    found.set(span.value, span);
  }
  return [...found.values()];
};

/** Four parts that read as an address: a private or loopback range, or a part above 99 (10.0.0.12, 100.92.11.63). */
const looksLikeIpAddress = (value: string): boolean => {
  const parts = value.split('.').map(Number);
  return (
    parts.length === 4 &&
    parts.every((p) => Number.isInteger(p) && p <= 255) &&
    ([0, 10, 127, 169, 172, 192].includes(parts[0] as number) || parts.some((p) => p >= 100))
  );
};

const trimEnd = (s: EntitySpan, chars: RegExp): EntitySpan => {
  const value = s.value.replace(chars, '');
  return { value, start: s.start, end: s.start + value.length };
};

const productAreas = (text: string): EntitySpan[] => {
  const found = new Map<string, EntitySpan>();
  for (const m of matchesOf(text, PRODUCT_AREA)) {
    const area = PRODUCT_AREAS[m.slice(1).findIndex((g) => g !== undefined)]?.[0];
    if (area && !found.has(area)) found.set(area, { value: area, start: m.index, end: m.index + m[0].length });
  }
  return [...found.values()];
};

export const extractEntities = (text: string): TechnicalEntities => {
  const urls = collect(text, [URL], [], (s) => trimEnd(s, /[.,;:!?)\]}]+$/));
  const hostnames = collect(text, [HOSTNAME], urls);
  const orderIds = collect(text, [ORDER_ID, ORDER_ID_AFTER_NOUN], urls);
  const stackFrames = collect(text, [STACK_FRAME]);
  return {
    errorCodes: collect(text, [ERROR_CODE, CODE_AFTER_NOUN, NAME_AFTER_ERROR_CODE], [...urls, ...orderIds]),
    // The classes a frame names are where the code ran, not what it threw.
    exceptions: collect(text, [EXCEPTION], [...urls, ...stackFrames]),
    stackFrames,
    httpStatuses: collect(text, [HTTP_STATUS_AFTER_WORD, HTTP_STATUS_BEFORE_PHRASE], urls),
    versions: collect(text, [V_VERSION, DOTTED_VERSION, NAMED_VERSION, PRODUCT_TOKEN_VERSION], [...urls, ...hostnames], (s) => {
      // "3.3.1-SNAPSHOT.jar" names a file: the version stops before its extension.
      const version = trimEnd(s, /(?:\.(?:jar|war|zip|tar|gz|tgz|exe|msi|dmg|deb|rpm|whl|js|py))?[.-]*$/);
      return looksLikeIpAddress(version.value) ? undefined : version;
    }),
    orderIds,
    hostnames,
    urls,
    productAreas: productAreas(text),
    stackTraceHead: (EXCEPTION_LINE.exec(text)?.[0] ?? TRACE_MARKER.exec(text)?.[0])?.trim(),
  };
};

/** How many distinct technical details the ticket names; URLs, ids and areas alone do not make a ticket harder. */
export const entityCount = (e: TechnicalEntities): number =>
  e.errorCodes.length + e.httpStatuses.length + e.versions.length + (e.stackTraceHead ? 1 : 0);
