/** How far back a cue word may sit before a match and still describe it. */
const WINDOW = 40;

/** Whether the text just before `index` ends with `cue` (a regex anchored with `$`). */
export const precededBy = (text: string, index: number, cue: RegExp): boolean => cue.test(text.slice(Math.max(0, index - WINDOW), index));

/** Numbers and IP-shaped strings right after these words are versions, not addresses or phones. */
export const VERSION_CUE =
  /(?:\b(?:v|ver|version|release|build|firmware|fw|driver|sdk|chrome|firefox|edge|safari|ios|android|macos|windows|node|java|python)\s*[:=#]?\s*v?|[A-Za-z]\/)$/i;
