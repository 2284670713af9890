import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import {
  DATABASE_UNAVAILABLE_MESSAGE,
  isDatabaseUnavailable,
} from '../database/availability';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_SECONDS = 5;

/** Reaches the database (throws when it cannot), within a bounded time. */
export type DatabaseProbe = () => Promise<void>;

function unavailable(res: express.Response, body: object) {
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json(body);
}

/**
 * Error middleware: a request that failed because the database is unreachable answers 503
 * with Retry-After and a body that says only that (the cause, with addresses and ports, is
 * logged). Everything else goes on to Backstage's error handler.
 */
export function databaseUnavailableHandler(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    const fromDatabase = isDatabaseUnavailable(error);
    if (!fromDatabase && !(error instanceof ServiceUnavailableError)) {
      next(error);
      return;
    }
    if (fromDatabase) {
      logger.warn(
        `${req.method} ${req.originalUrl}: database unavailable: ${error}`,
      );
    }
    if (res.headersSent) {
      next(error);
      return;
    }
    unavailable(res, {
      error: {
        name: 'ServiceUnavailableError',
        message: fromDatabase ? DATABASE_UNAVAILABLE_MESSAGE : error.message,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 503 },
    });
  };
}

/** GET /health: 200 when the database answers, 503 (with Retry-After) when it does not. */
export function healthHandler(
  probe: DatabaseProbe | undefined,
  logger: LoggerService,
): express.RequestHandler {
  return async (_req, res) => {
    if (!probe) {
      res.json({ status: 'ok' });
      return;
    }
    try {
      await probe();
      res.json({ status: 'ok', database: 'ok' });
    } catch (error) {
      logger.warn(`health: database unavailable: ${error}`);
      unavailable(res, { status: 'unavailable', database: 'unreachable' });
    }
  };
}
