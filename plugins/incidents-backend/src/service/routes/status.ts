import { InputError, NotFoundError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import express from 'express';
import Router from 'express-promise-router';
import { Knex } from 'knex';
import {
  StatusPage,
  statusSubscriptionSchema,
} from '@firebreak/plugin-incidents-common';
import {
  confirmSubscriber,
  removeSubscriber,
  upsertSubscriber,
} from '../../database/communication/subscribers';
import { enqueueEffects } from '../../database/outbox';
import { StatusPageService } from '../../response/comms/StatusPageService';
import { Clock } from '../../domain/clock';
import { jsonBody } from '../json';
import { parseInput, statusTokenQuerySchema } from '../validation';
import { renderStatusHtml } from './statusHtml';

/** Paths served without authentication (mounted by the plugin with `allow: 'unauthenticated'`). */
export const STATUS_PAGE_PATHS = ['/v1/status', '/status'];

/** 405 in Backstage's error shape, with the methods that are allowed. */
function methodNotAllowed(allow: string): express.RequestHandler {
  return (req, res) => {
    res.setHeader('allow', allow);
    res.status(405).json({
      error: {
        name: 'MethodNotAllowedError',
        message: `The status page is read-only: allowed methods are ${allow}`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 405 },
    });
  };
}

function html(
  res: express.Response,
  status: number,
  body: string | Buffer,
  etag?: string,
) {
  res
    .status(status)
    .setHeader('content-type', 'text/html; charset=utf-8')
    .setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    )
    .setHeader('cache-control', 'public, max-age=10');
  // With the ETag set, Express neither hashes the body again nor sends it to a client that
  // has it (304).
  if (etag) res.setHeader('etag', etag);
  res.send(body);
}

/** A response body, encoded, and its ETag: computed once. */
interface Encoded {
  body: Buffer;
  etag: string;
}

const weakTag = (text: string | Buffer) =>
  `W/"${createHash('sha1').update(text).digest('base64url')}"`;

/**
 * One representation of the published page, encoded once per page. The page is rebuilt once
 * per TTL and polled by every subscriber's browser in between, so each request sends bytes
 * made before instead of serialising, encoding and hashing 12 KB again. `tagOf` gives the
 * representation's weak ETag (default: of its bytes).
 */
function pageBodies(
  render: (page: StatusPage) => string,
  tagOf: (page: StatusPage, body: Buffer) => string = (_page, body) =>
    weakTag(body),
) {
  const cache = new WeakMap<StatusPage, Encoded>();
  return (page: StatusPage): Encoded => {
    let encoded = cache.get(page);
    if (!encoded) {
      const body = Buffer.from(render(page), 'utf8');
      encoded = { body, etag: tagOf(page, body) };
      cache.set(page, encoded);
    }
    return encoded;
  };
}

/**
 * The JSON's tag is of what the page shows, its `generatedAt` aside: a page rebuilt without
 * a change keeps its tag, so a client polling an unchanged page gets a 304. (The HTML's tag
 * is of its bytes: it shows its title, form and build time.)
 */
function contentTag(page: StatusPage): string {
  const { generatedAt: _generatedAt, ...shown } = page;
  return weakTag(JSON.stringify(shown));
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

  const json = pageBodies(p => JSON.stringify(p), contentTag);
  router.get('/v1/status', async (_req, res) => {
    const { body, etag } = json(await status.page());
    res
      .setHeader('cache-control', 'public, max-age=10')
      .setHeader('content-type', 'application/json; charset=utf-8')
      .setHeader('etag', etag)
      .send(body);
  });
  const page = pageBodies(p => renderStatusHtml(p, { title, subscribeAction }));
  router.get('/status', async (_req, res) => {
    const { body, etag } = page(await status.page());
    html(res, 200, body, etag);
  });
  // Read-only: every other method is answered, and documented, as 405.
  const readOnly = methodNotAllowed('GET, HEAD');
  router.post('/v1/status', readOnly);
  router.put('/v1/status', readOnly);
  router.patch('/v1/status', readOnly);
  router.delete('/v1/status', readOnly);
  router.post('/status', readOnly);
  router.put('/status', readOnly);
  router.patch('/status', readOnly);
  router.delete('/status', readOnly);

  if (!options.subscriptions) {
    return router;
  }

  router.post(
    '/status/subscriptions',
    express.urlencoded({ extended: false, limit: '4kb' }),
    jsonBody(),
    async (req, res) => {
      const { email } = parseInput(
        statusSubscriptionSchema,
        req.body,
        'request body',
      );
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
    const { token } = parseInput(statusTokenQuerySchema, req.query, 'query');
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
    const { token } = parseInput(statusTokenQuerySchema, req.query, 'query');
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
