import type { BugReport, EntitySpan, TextAnalysis, Ticket } from '@triage/contracts';
import { clip, sentencesOf } from './sentences.ts';

const MAX_LINES = 5;
const SYMPTOM =
  /\b(?:fail(?:s|ed|ing|ure)?|errors?|crash(?:es|ed|ing)?|broken|breaks|exception|stuck|hangs?|freezes?|wrong|missing|(?:does ?n[o']t|did ?n[o']t|not|stopped) work(?:ing)?|returns?|timed? ?out)\b/i;
const REPRODUCTION =
  /\bsteps?\b|\bto reproduce\b|\breproduc\w*|\bevery (?:time|call|request|run|GET|POST|PUT|PATCH|DELETE)\b|\bwhenever\b|\b(?:when|once|if) (?:I|we|you|users?|the)\b|\b(?:GET|POST|PUT|PATCH|DELETE) \/|^\s*(?:\d+[.)]|-|\*)\s/im;
// Up to the end of the sentence; the dots inside a version (v3.2.1) do not end it.
const SINCE = /\b(?:since|after|started|began|starting)\b(?:[^.!?\n]|\.(?=\w)){1,100}/i;
// A version just after these words is one the customer says still works.
const WORKING_BEFORE = /\b(?:works?|worked|working|fine|ok|okay|downgrad\w*|roll(?:ed|ing)? back|revert\w*)\b[^.!?\n]{0,25}$/i;

const values = (spans: readonly EntitySpan[]): string[] => spans.map((s) => s.value);

/**
 * A draft for engineering when the text reads as a product defect: what fails, on which versions,
 * how to get there and since when, in the customer's words. The agent checks it before filing.
 */
export const bugReportOf = (ticket: Ticket, text: string, { signals, entities }: TextAnalysis): BugReport | undefined => {
  if (signals.defect.length === 0) return undefined;
  const sentences = sentencesOf(text);
  const [working, affected] = [true, false].map((works) =>
    values(entities.versions.filter((v) => WORKING_BEFORE.test(text.slice(Math.max(0, v.start - 40), v.start)) === works)),
  ) as [string[], string[]];
  const customerSays = SINCE.exec(text)?.[0].trim();
  return {
    symptoms: sentences
      .filter((s) => SYMPTOM.test(s))
      .slice(0, MAX_LINES)
      .map((s) => clip(s, 240)),
    versions: { affected, working },
    reproductionHints: sentences
      .filter((s) => REPRODUCTION.test(s))
      .slice(0, MAX_LINES)
      .map((s) => clip(s, 240)),
    firstSeen: { reportedAt: ticket.receivedAt, ...(customerSays ? { customerSays: clip(customerSays, 120) } : {}) },
    errorSignatures: [
      ...values(entities.errorCodes),
      ...values(entities.exceptions),
      ...entities.httpStatuses.map((s) => `HTTP ${s.value}`),
      ...(entities.stackTraceHead ? [entities.stackTraceHead] : []),
    ],
  };
};
