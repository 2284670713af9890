import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import { z } from 'zod';
import {
  confirmSubscriber,
  removeSubscriber,
  upsertSubscriber,
} from '../../database/communication/subscribers';
import { enqueueEffects } from '../../database/outbox';
import { StatusPageService } from '../../response/comms/StatusPageService';
import { Clock } from '../../domain/clock';
import { parseInput } from '../validation';
import { renderStatusHtml } from './statusHtml';

/** Paths served without authentication (mounted by the plugin with `allow: 'unauthenticated'`). */
export const STATUS_PAGE_PATHS = ['/v1/status', '/status'];

const subscribeSchema = z.object({
  email: z.string().trim().max(320).email('must be an email address'),
});
const tokenSchema = z.object({ token: z.string().min(16).max(64) });

function methodNotAllowed(allow: string): express.RequestHandler {
  return (_req, res) => {
    res.setHeader('allow', allow);
    res.status(405).json({
      error: {
        name: 'MethodNotAllowedError',
        message: `The status page is read-only: allowed methods are ${allow}`,
      },
    });
  };
}

function html(res: express.Response, status: number, body: string) {
  res
    .status(status)
    .setHeader('content-type', 'text/html; charset=utf-8')
    .setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    )
    .setHeader('cache-control', 'public, max-age=10')
    .send(body);
}

/**
 * The public status page: JSON at /v1/status and an HTML page at /status, read-only; email
 * subscriptions confirmed by link. Serves only what the status page service publishes.
 */
export function createStatusRouter(options: {
  status: StatusPageService;
  db: Knex;
  clock: Clock;
  title: string;
  publicUrl: string;
  subscriptions: boolean;
  /** Delivers the confirmation email now rather than at the next scheduled round. */
  kick: () => Promise<void>;
}) {
  const { status, db, clock, title, publicUrl } = options;
  const router = Router();
  const subscribeAction = options.subscriptions
    ? `${publicUrl}/subscriptions`
    : undefined;

  router.get('/v1/status', async (_req, res) => {
    res.setHeader('cache-control', 'public, max-age=10');
    res.json(await status.page());
  });
  router.all('/v1/status', methodNotAllowed('GET, HEAD'));

  router.get('/status', async (_req, res) => {
    html(
      res,
      200,
      renderStatusHtml(await status.page(), { title, subscribeAction }),
    );
  });
  router.all('/status', methodNotAllowed('GET, HEAD'));

  if (!options.subscriptions) {
    return router;
  }

  router.post(
    '/status/subscriptions',
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const { email } = parseInput(subscribeSchema, req.body, 'request body');
      const now = clock.now();
      await db.transaction(async trx => {
        const subscriber = await upsertSubscriber(trx, email, now);
        await enqueueEffects(
          trx,
          [
            {
              type: 'email',
              key: `status-subscribe:${subscriber.id}:${subscriber.token}`,
              to: subscriber.email,
              subject: `Confirm your subscription to ${title}`,
              text: `Confirm that you want email updates from ${title}:\n${publicUrl}/subscriptions/confirm?token=${subscriber.token}\n\nIf you did not ask for this, ignore this email.\n`,
            },
          ],
          now,
        );
      });
      await options.kick();
      // The same answer whether or not the address was known: nothing to enumerate.
      html(
        res,
        202,
        renderStatusHtml(await status.page(), {
          title,
          subscribeAction,
          message: 'Check your inbox: we sent you a link to confirm.',
        }),
      );
    },
  );

  router.get('/status/subscriptions/confirm', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.query, 'query');
    if (!(await confirmSubscriber(db, token, clock.now()))) {
      throw new NotFoundError('This confirmation link is not valid (any more)');
    }
    html(
      res,
      200,
      renderStatusHtml(await status.page(), {
        title,
        message: 'Subscribed: you will get an email on every update.',
      }),
    );
  });

  router.get('/status/subscriptions/unsubscribe', async (req, res) => {
    const { token } = parseInput(tokenSchema, req.query, 'query');
    if (!(await removeSubscriber(db, token))) {
      throw new InputError('This unsubscribe link is not valid (any more)');
    }
    html(
      res,
      200,
      renderStatusHtml(await status.page(), {
        title,
        message: 'Unsubscribed: you will get no more emails.',
      }),
    );
  });

  return router;
}
