import { z } from 'zod';

/** Page cursors are opaque to clients, so what marks a position can change without breaking them. */
export const encodeCursor = (after: string): string => Buffer.from(JSON.stringify({ after })).toString('base64url');

const contentOf = (cursor: string): unknown => {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
};

/**
 * Where a page starts: after the position `cursor` carries, or at the beginning without one; null
 * when the cursor is not one this API issued or its position is not a valid `position` (a ticket's
 * uuid, an article's id).
 */
export const pageStart = (
  cursor: string | undefined,
  position: z.ZodType<string> = z.string().min(1),
): { after: string | undefined } | null => {
  if (cursor === undefined) return { after: undefined };
  const parsed = z.strictObject({ after: position }).safeParse(contentOf(cursor));
  return parsed.success ? { after: parsed.data.after } : null;
};
