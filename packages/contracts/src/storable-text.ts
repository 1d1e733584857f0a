import { z } from 'zod';

/**
 * A string PostgreSQL can store. JSON escapes `\u0000` and unpaired surrogates (`\ud800`) decode to
 * JavaScript strings that `text` and `jsonb` refuse, so they are turned away here with the field's
 * name rather than failing the write.
 */
export const storableText = () =>
  z
    .string()
    .refine((text) => !text.includes('\u0000'), 'must not contain the NUL character (U+0000), which cannot be stored')
    .refine((text) => text.isWellFormed(), 'must not contain an unpaired UTF-16 surrogate (such as \\ud800), which is not Unicode text');
