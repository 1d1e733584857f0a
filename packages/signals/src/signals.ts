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

const found = (text: string, pattern: RegExp): string[] => [...new Set((text.match(pattern) ?? []).map((m) => m.toLowerCase()))];

export const detectSignals = (text: string): TextSignals => ({
  outage: found(text, OUTAGE),
  broadScope: found(text, BROAD_SCOPE),
  urgent: found(text, URGENT),
  repeatContact: REPEAT_CONTACT.test(text),
  instructionLike: INSTRUCTION_LIKE.test(text),
});
