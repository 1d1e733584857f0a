import type { TextSignals } from '@triage/contracts';

const NOT = `(?:can'?t|cannot|can not|unable to|not able to|couldn'?t)`;

const OUTAGE = new RegExp(
  [
    String.raw`\b(?:site|website|app|service|server|api|platform|system|dashboard|checkout|everything)\s+(?:is\s+|went\s+|was\s+)?(?:completely\s+)?down\b`,
    String.raw`\bdown for (?:everyone|everybody|all)\b`,
    String.raw`\b(?:outage|outages)\b`,
    String.raw`\bpayments?\s+(?:failed|failing|fails|are failing|is failing|not going through)\b`,
    String.raw`\b${NOT}\s+(?:log\s?in|sign\s?in)\b`,
    String.raw`\bdata\s+(?:loss|lost|is gone|was deleted|corruption)\b`,
    String.raw`\blost (?:all )?(?:our |my )?data\b`,
    String.raw`\bsecurity (?:breach|incident)\b`,
    String.raw`\b(?:breached|hacked|compromised)\b`,
  ].join('|'),
  'gi',
);

// A bare "everyone" is usually a greeting ("Hi everyone"), so it needs a scope verb or place around it.
const BROAD_SCOPE =
  /\b(?:all (?:of )?(?:our |my |the )?(?:users|customers|employees|staff|accounts|agents)|(?:for|affects|affecting|impacting) every(?:one|body)|every(?:one|body) (?:in|at|on) (?:our|the|my)|every(?:one|body) (?:is|are) (?:affected|blocked|down|locked out)|(?:entire|whole) (?:company|team|org(?:anization)?|office)|company-?wide|nobody can)\b/gi;

const URGENT = /\b(?:urgent(?:ly)?|asap|emergency|immediately|critical|blocker|blocking|production|prod)\b/gi;

export const REPEAT_CONTACT =
  /\b(?:(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) time|how many times|still (?:not|no|broken|waiting|failing|having|doesn'?t|isn'?t|won'?t|can'?t|hasn'?t|haven'?t)|already (?:reported|contacted|raised|opened|submitted|wrote|written|emailed|called)|again and again|keeps happening|yet again)\b/i;

const INSTRUCTION_LIKE =
  /\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|system)\s+(?:instructions?|prompts?|rules|messages?)\b|^\s*(?:system|assistant|developer)\s*:|\b(?:set|change|make|mark)\s+(?:the\s+|this\s+|my\s+)?(?:ticket\s+)?(?:priority|tier|queue|severity)\b|\broute\s+(?:this\s+|it\s+|me\s+)?to\s+(?:tier|queue|engineering)/im;

const SECURITY = new RegExp(
  [
    String.raw`\bsecurity (?:breach|incident|issue|problem)\b`,
    String.raw`\b(?:breached|hacked|compromised|hijacked|taken over)\b`,
    String.raw`\b(?:account takeover|phishing|ransomware|malware)\b`,
    String.raw`\b(?:unknown|unrecognized|unrecognised|suspicious|unauthori[sz]ed|strange) (?:log ?ins?|sign-?ins?|logins|access|activity|devices?|sessions?)\b`,
    String.raw`\blog ?ins? (?:to|into|on|from)\b[^.\n]{0,60}?\bfrom (?:another|a different|an unknown|a foreign|other|unknown) (?:country|countries|location|ip|device|address)\b`,
    String.raw`\bsomeone (?:else )?(?:logged|signed|got) in(?:to)?\b`,
    String.raw`\b(?:leaked|exposed|stolen) (?:api |secret |access )?(?:keys?|tokens?|credentials?|secrets?|passwords?)\b`,
    String.raw`\b(?:api |secret |access )?(?:keys?|tokens?|credentials?|secrets?|passwords?) (?:were |was |have been |has been |got )?(?:leaked|exposed|stolen|published|rotated without|changed without|reset without)\b`,
    String.raw`\b(?:rotated|changed|reset|disabled) without (?:us|our|my|me)\b`,
    String.raw`\bdata (?:breach|leak|exposure)\b`,
    String.raw`\b(?:customer |personal |our |user )?data (?:was |is |has been |got )?(?:exposed|leaked|publicly (?:visible|accessible))\b`,
    String.raw`\bcan see (?:other|another) (?:customers?|users?|tenants?|compan(?:y|ies))'?s? (?:data|invoices|orders|accounts|records|files)\b`,
  ].join('|'),
  'gi',
);

const DEFECT = new RegExp(
  [
    String.raw`\bregression\b`,
    String.raw`\b(?:after|since) (?:upgrading|updating|the (?:latest )?(?:upgrade|update|release)|(?:we |I )?(?:upgraded|updated))\b`,
    String.raw`\b(?:works?|worked|working|was working) (?:fine |correctly |perfectly )?(?:in|on|with|before) v?\d+(?:\.\d+)+`,
    String.raw`\b(?:broke|broken|stopped working) (?:after|since|in) (?:the |version |v)?(?:upgrade|update|release|\d)`,
    String.raw`\b(?:stack ?trace|traceback|exception in thread|core dump|segfault|segmentation fault)\b`,
    String.raw`^[ \t]*at [\w$.<>]+ ?\([\w$.]+:\d+`,
    String.raw`\b(?:reproducible|reproduces|can reproduce|able to reproduce|steps to reproduce)\b`,
    String.raw`\b(?:every time|consistently|always) (?:I|we|you|it|when)\b[^.\n]{0,40}?\b(?:fails?|crash(?:es)?|errors?|returns?)\b`,
    String.raw`\b(?:crash(?:es|ed|ing)?|null pointer|memory leak)\b`,
    String.raw`\b(?:a|this|the|found a|it's a|is a) bug\b`,
  ].join('|'),
  'gim',
);

/** Threats to leave or to hurt the vendor's name; the sentiment weighs them too. */
export const CHURN = new RegExp(
  [
    String.raw`\b(?:I|we)(?:'ll| will| am going to| are going to|'m going to|'re going to) cancel\b`,
    String.raw`\b(?:or|else) (?:I|we)(?:'ll| will)? (?:leave|cancel|go elsewhere|walk away|switch)\b`,
    String.raw`\b(?:I|we)(?:'m| am|'re| are) (?:leaving|cancell?ing|switching|moving to)\b`,
    String.raw`\bcancel(?:l?ing)? (?:my|our|the) (?:subscription|account|plan|contract|membership)\b`,
    String.raw`\b(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?) to (?:a |another |your )?(?:competitor|another (?:provider|vendor|service|tool|bank))\b`,
    String.raw`\b(?:take|taking) (?:my|our) business elsewhere\b`,
    String.raw`\b(?:not|won'?t|will not) (?:be )?renew(?:ing)?\b`,
    String.raw`\b(?:close|delete|terminate|invalidate) (?:my|our|this) accounts?\b|\baccount (?:to )?be (?:deleted|closed|terminated)\b`,
    String.raw`\bno longer (?:want to )?be (?:a |your )?customer\b`,
    String.raw`\b(?:refund|money back),? or (?:else )?(?:I|we)\b`,
    String.raw`\b(?:chargeback|tell (?:everyone|everybody|all my friends)|(?:bad|negative|1-star|one-star) review)\b`,
  ].join('|'),
  'gi',
);

const found = (text: string, pattern: RegExp): string[] => [...new Set((text.match(pattern) ?? []).map((m) => m.toLowerCase()))];

export const detectSignals = (text: string): TextSignals => ({
  outage: found(text, OUTAGE),
  broadScope: found(text, BROAD_SCOPE),
  urgent: found(text, URGENT),
  repeatContact: REPEAT_CONTACT.test(text),
  instructionLike: INSTRUCTION_LIKE.test(text),
  security: found(text, SECURITY),
  // A pasted frame is named for what it is rather than quoted.
  defect: [...new Set(found(text, DEFECT).map((m) => (m.trimStart().startsWith('at ') ? 'stack trace' : m)))],
  churn: found(text, CHURN),
});
