import { z } from 'zod';

const Cursor = z.strictObject({ after: z.uuid() });

/** Page cursors are opaque to clients, so what marks a position can change without breaking them. */
export const encodeCursor = (after: string): string => Buffer.from(JSON.stringify({ after })).toString('base64url');

/** The ticket a cursor continues after; undefined when the cursor is not one this API issued. */
export const decodeCursor = (cursor: string): string | undefined => {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).after;
  } catch {
    return undefined;
  }
};
