export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'secret' | 'ip';

/** A half-open range `[start, end)` of `text` holding one piece of PII. */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
}

export type Detector = (text: string) => PiiSpan[];
