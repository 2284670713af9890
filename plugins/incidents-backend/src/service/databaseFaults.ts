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

/** What callers are told when a service the plugin calls (catalog, permissions) fails. */
export const DEPENDENCY_UNAVAILABLE_MESSAGE =
  'A service the incidents plugin depends on is unavailable; retry later.';

/**
 * Whether a request failed because a Backstage service this plugin calls (the catalog, the
 * permission backend, auth) answered 5xx or could not be reached: when their database is
 * down, so is ours in effect, and a retry later can succeed. Their error bodies, which carry
 * addresses and ports, are never passed on.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') {
    return false;
  }
  const { name, statusCode, message, cause } = error as {
    name?: unknown;
    statusCode?: unknown;
    message?: unknown;
    cause?: unknown;
  };
  if (
    name === 'ResponseError' &&
    typeof statusCode === 'number' &&
    statusCode >= 500
  ) {
    return true;
  }
  return (
    typeof message === 'string' &&
    /fetch failed/i.test(message) &&
    isDatabaseUnavailable(cause)
  );
}

function unavailable(res: express.Response, body: object) {
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json(body);
}

/**
 * Error middleware: a request that failed because the database, or a service the plugin
 * calls, is unreachable answers 503 with Retry-After and a body that says only that (the
 * cause, with addresses and ports, is logged). Everything else goes on to Backstage's error
 * handler.
 */
export function databaseUnavailableHandler(
  logger: LoggerService,
): express.ErrorRequestHandler {
  return (error, req, res, next) => {
    const fromDatabase = isDatabaseUnavailable(error);
    const fromDependency = !fromDatabase && isDependencyUnavailable(error);
    if (
      !fromDatabase &&
      !fromDependency &&
      !(error instanceof ServiceUnavailableError)
    ) {
      next(error);
      return;
    }
    if (fromDatabase || fromDependency) {
      logger.warn(
        `${req.method} ${req.originalUrl}: ${
          fromDatabase ? 'database' : 'a service it calls is'
        } unavailable: ${error}`,
      );
    }
    if (res.headersSent) {
      next(error);
      return;
    }
    let message = error.message;
    if (fromDatabase) message = DATABASE_UNAVAILABLE_MESSAGE;
    if (fromDependency) message = DEPENDENCY_UNAVAILABLE_MESSAGE;
    unavailable(res, {
      error: { name: 'ServiceUnavailableError', message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 503 },
    });
  };
}

/**
 * `router` followed by the 503 handler above: a router mounted on its own (the webhooks, the
 * status page, communication) answers an unreachable database the same way as the API.
 */
export function withDatabaseFaults(
  router: express.Router,
  logger: LoggerService,
): express.Router {
  const wrapped = express.Router();
  wrapped.use(router);
  wrapped.use(databaseUnavailableHandler(logger));
  return wrapped;
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
