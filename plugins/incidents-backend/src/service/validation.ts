import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { describeZodError } from '../domain/zodErrors';

/**
 * Validates `value` with a shared schema; a failure becomes an InputError (400) whose
 * message names every offending field.
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: 'request body' | 'query',
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Query of the timeline list. */
export const timelineQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
