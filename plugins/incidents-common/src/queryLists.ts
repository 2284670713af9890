import { z } from 'zod';

/**
 * A list in a query string: comma-separated values (`status=open,closed`) or repeated
 * parameters (`status=open&status=closed`), trimmed, empty ones dropped, each checked by
 * `item`.
 */
export const csv = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
