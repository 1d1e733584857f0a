import type { KbFileArticle } from '@triage/knowledge';

/**
 * An article none of the seed articles resembles, imported after a service has started: only a
 * search that heard of the import answers `LATE_QUESTION` with it, lexically and densely.
 */
export const LATE_ARTICLE: KbFileArticle = {
  id: 'pair-quillon-scanner',
  title: 'Pair a Quillon H7 barcode scanner',
  body: [
    'To pair a Quillon H7 barcode scanner, hold the scanner trigger for five seconds until the Quillon light blinks blue.',
    'Then scan the pairing barcode printed on the Quillon H7 dock. The Quillon H7 scanner beeps twice once it is paired.',
    'A Quillon scanner that will not pair usually needs its battery charged on the dock for ten minutes.',
  ].join('\n\n'),
};

export const LATE_QUESTION = 'How do I pair my Quillon H7 barcode scanner?';
