export { findPii } from './find-pii.ts';
export { redact, redactDeep, PLACEHOLDERS } from './redact.ts';
export type { PiiKind, PiiSpan } from './types.ts';
