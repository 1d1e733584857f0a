import type { Sentiment } from '@triage/contracts';
import { CHURN, REPEAT_CONTACT } from './signals.ts';

/** Scores how the customer feels. The lexicon runs locally; an LLM-backed one may replace it. */
export interface SentimentAnalyzer {
  analyze(text: string): Promise<Sentiment>;
}

// Emotional words only: technical words ("error", "failed", "down") describe the fault, not the mood.
const LEXICON = new Map<string, number>([
  ...(
    [
      'unacceptable',
      'ridiculous',
      'terrible',
      'horrible',
      'awful',
      'useless',
      'worst',
      'furious',
      'outrageous',
      'pathetic',
      'disgusting',
      'infuriating',
      'incompetent',
      'frustrated',
      'frustrating',
      'angry',
      'livid',
      'garbage',
      'nightmare',
      'unprofessional',
      'horrendous',
      'appalling',
      'stupid',
      'aggravated',
      'aggravating',
      'frustration',
      'unsatisfactory',
      'dissatisfied',
      'ridiculously',
      'scam',
    ] as const
  ).map((w) => [w, -3] as const),
  // Words that name the customer's own feeling weigh more than ones that judge a thing ("bad", "poor").
  ...(
    ['annoyed', 'annoying', 'disappointed', 'disappointing', 'disappointment', 'upset', 'unhappy', 'embarrassed', 'embarrassing'] as const
  ).map((w) => [w, -2.5] as const),
  ...(['poor', 'bad', 'sucks', 'hate', 'mess', 'lousy', 'shocking', 'unreliable', 'ignored'] as const).map((w) => [w, -2] as const),
  ...(['unfortunately', 'sadly', 'worried', 'concerned', 'confused', 'confusing'] as const).map((w) => [w, -1] as const),
  ...(['excellent', 'awesome', 'amazing', 'love', 'wonderful', 'fantastic'] as const).map((w) => [w, 3] as const),
  ...(
    ['thanks', 'thank', 'appreciate', 'appreciated', 'great', 'helpful', 'happy', 'glad', 'pleased', 'perfect', 'satisfied'] as const
  ).map((w) => [w, 2] as const),
  ...(['good', 'nice', 'kindly', 'cheers'] as const).map((w) => [w, 1] as const),
]);

const INTENSIFIERS = new Map<string, number>([
  ['very', 1.5],
  ['really', 1.4],
  ['so', 1.3],
  ['extremely', 1.8],
  ['totally', 1.5],
  ['absolutely', 1.6],
  ['completely', 1.5],
  ['incredibly', 1.7],
  ['super', 1.4],
  ['utterly', 1.7],
  ['truly', 1.4],
  ['quite', 1.2],
]);

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "aren't",
  "won't",
  "can't",
  'cannot',
  'nothing',
  'hardly',
  'without',
]);
/** How many words after a negator it still flips. */
const NEGATION_REACH = 3;
/**
 * A negated word keeps some of its weight with the sign flipped. Asymmetric, as customers write it:
 * "not bad" is faint praise, but "not happy" and "don't appreciate" are complaints in full.
 */
const NEGATED_NEGATIVE = -0.74;
const NEGATED_POSITIVE = -1;
const CAPS_FACTOR = 1.5;
const CLAUSE_ENDS = new Set(['.', '!', '?', ';', '\n']);

// Acronyms a technical ticket writes in capitals without shouting.
const ACRONYMS = new Set([
  'HTTP',
  'HTTPS',
  'JSON',
  'HTML',
  'SAML',
  'OAUTH',
  'YAML',
  'REST',
  'CORS',
  'UUID',
  'NULL',
  'SMTP',
  'IMAP',
  'GDPR',
  'HIPAA',
  'LDAP',
  'ASAP',
  'TODO',
  'CRUD',
  'WIFI',
  'OKTA',
  'SCIM',
  'IPV4',
  'IPV6',
]);

/** Phrases that weigh on their own, whatever the surrounding words. */
const PHRASES: readonly (readonly [RegExp, number])[] = [
  [/\bwaste of (?:my |our )?(?:time|money)\b/gi, -3],
  [
    /\b(?:no ?one|nobody) (?:has |is )?(?:responded|responds|replied|replies|answered|answers|helped|helps|helping|responding|getting back)\b/gi,
    -3,
  ],
  [/\b(?:fed up|sick (?:and tired )?of|had enough|this is a joke)\b/gi, -3],
  [new RegExp(REPEAT_CONTACT.source, 'gi'), -2],
  // Leaving weighs on its own; said with any other complaint it tips the reading to frustrated.
  [CHURN, -2],
  [/\b(?:fuck|shit|crap|damn|wtf|bullshit|piss|bastard)\w*/gi, -3],
  // Being turned away again and again, unlike "keeps failing", which describes the fault.
  [/\bkeeps? (?:getting |being )(?:declined|rejected|refused|denied)\b/gi, -1.5],
  [/\bstill nothing\b/gi, -1.5],
  // Runs of "!!" or "??" are exasperation even where no word says so.
  [/!{2,}|\?{2,}|\?!|!\?/g, -1.5],
];
/** Cancelling or swearing is frustration whatever else the text says. */
const DECISIVE = /\bcancel(?:l?ing)? (?:my|our|the) (?:subscription|account|plan|contract|membership)\b|\b(?:fuck|shit|bullshit|wtf)\w*/i;

/** Below this score the customer is taken to be frustrated. */
const FRUSTRATED_BELOW = -0.5;
/** VADER's normalisation constant: one strong word lands around ±0.6, several saturate towards ±1. */
const NORMALISATION = 15;

const isShout = (token: string): boolean => token.length >= 3 && token === token.toUpperCase() && token !== token.toLowerCase();
/** What shouting weighs: "WHAT IS THE SOLUTION OF THIS PROBLEM" is as cross as "unacceptable". */
const SHOUTING = 3;

const normalise = (total: number): number => Math.max(-1, Math.min(1, total / Math.sqrt(total * total + NORMALISATION)));

/**
 * Sentences mostly in capitals with at least three shouted words of four letters or more;
 * acronyms a technical ticket writes in capitals do not count.
 */
const shoutedSentences = (text: string): number =>
  text.split(/[.!?\n]+/).filter((sentence) => {
    const words = sentence.match(/[A-Za-z']{4,}/g) ?? [];
    const shouted = words.filter((w) => isShout(w) && !ACRONYMS.has(w)).length;
    return shouted >= 3 && shouted / words.length >= 0.6;
  }).length;

const countMatches = (text: string, pattern: RegExp): number => {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
};

/** Lexicon sentiment with negation, intensifiers, capitals and exclamation runs; fast and local. */
export const scoreSentiment = (text: string): Sentiment => {
  let total = 0;
  // The negative part alone: thanks and "I would appreciate" around a complaint do not cancel it.
  let negative = 0;
  let negationLeft = 0;
  let intensity = 1;

  for (const [token] of text.matchAll(/[A-Za-z][A-Za-z']*|[.!?;\n]/g)) {
    // Negation and intensity end with the clause: "still not fixed. Unacceptable" stays negative.
    if (CLAUSE_ENDS.has(token)) {
      negationLeft = 0;
      intensity = 1;
      continue;
    }
    const word = token.toLowerCase();
    const caps = isShout(token);
    if (NEGATORS.has(word)) {
      negationLeft = NEGATION_REACH;
      continue;
    }
    const boost = INTENSIFIERS.get(word);
    if (boost !== undefined) {
      intensity *= boost;
      continue;
    }
    const valence = LEXICON.get(word);
    if (valence !== undefined) {
      const negation = negationLeft > 0 ? (valence > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE) : 1;
      const weight = valence * intensity * (caps ? CAPS_FACTOR : 1) * negation;
      total += weight;
      if (weight < 0) negative += weight;
    }
    intensity = 1;
    if (negationLeft > 0) negationLeft--;
  }

  for (const [pattern, weight] of PHRASES) {
    const phrases = weight * countMatches(text, pattern);
    total += phrases;
    if (phrases < 0) negative += phrases;
  }
  // A sentence written in capitals reads as shouting even when no word in it is emotional.
  if (shoutedSentences(text) > 0) {
    total -= SHOUTING;
    negative -= SHOUTING;
  }

  const rounded = Math.round(normalise(total) * 1000) / 1000;
  const frustrated = rounded <= FRUSTRATED_BELOW || normalise(negative) <= FRUSTRATED_BELOW || DECISIVE.test(text);
  return { score: rounded, frustrated, source: 'lexicon' };
};

export const lexiconSentiment: SentimentAnalyzer = {
  analyze: async (text) => scoreSentiment(text),
};
