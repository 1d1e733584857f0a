// tickets.routed carries no language: the commonest short words of the customer's text tell the
// usual European ones apart well enough for an agent's queue view, without a model.
const COMMON_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'to', 'of', 'it', 'we', 'not', 'my', 'for', 'with', 'have', 'this', 'our', 'can'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ich', 'wir', 'mit', 'ein', 'eine', 'auf', 'bitte', 'kann', 'unser'],
  fr: ['le', 'la', 'les', 'et', 'est', 'pas', 'je', 'nous', 'une', 'des', 'pour', 'avec', 'ne', 'mon', 'notre'],
  es: ['el', 'los', 'las', 'y', 'es', 'no', 'que', 'mi', 'con', 'una', 'por', 'para', 'nuestro', 'puedo', 'está'],
  it: ['il', 'lo', 'gli', 'e', 'non', 'che', 'di', 'una', 'per', 'con', 'sono', 'mio', 'nostro', 'posso', 'è'],
  nl: ['de', 'het', 'een', 'en', 'is', 'niet', 'ik', 'wij', 'met', 'voor', 'mijn', 'ons', 'kan', 'van', 'dat'],
  pt: ['o', 'os', 'as', 'e', 'não', 'que', 'um', 'uma', 'com', 'para', 'meu', 'nosso', 'está', 'posso', 'do'],
};

const MIN_HITS = 2;

/** ISO 639-1 code of the language most of the text's common words belong to; `und` when too few match. */
export const guessLanguage = (text: string): string => {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let best = { code: 'und', hits: MIN_HITS - 1 };
  for (const [code, common] of Object.entries(COMMON_WORDS)) {
    const set = new Set(common);
    const hits = words.filter((w) => set.has(w)).length;
    if (hits > best.hits) best = { code, hits };
  }
  return best.code;
};
