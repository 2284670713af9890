import { InputError } from '@backstage/errors';
import express, { RequestHandler } from 'express';

/**
 * express.json(), except that a body that is not valid JSON is an InputError (400 in
 * Backstage's error shape) rather than body-parser's own error.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: '1mb' });
  return (req, res, next) => {
    parse(req, res, (error?: unknown) => {
      if (
        error &&
        typeof error === 'object' &&
        (error as { type?: string }).type === 'entity.parse.failed'
      ) {
        next(
          new InputError(
            `Invalid request body: malformed JSON (${
              (error as Error).message
            })`,
          ),
        );
        return;
      }
      next(error);
    });
  };
}
