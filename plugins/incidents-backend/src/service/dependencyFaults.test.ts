import { mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { databaseUnavailableHandler } from './databaseFaults';

/**
 * When the catalog or the permission backend fails (their database is down with ours, in a
 * restart), the plugin answers 503 with Retry-After and none of their error body, which
 * names addresses and ports; other errors still go on to Backstage's handler.
 */
function appThrowing(error: () => Promise<Error>) {
  const app = express();
  app.get('/', async (_req, _res, next) => next(await error()));
  app.use(databaseUnavailableHandler(mockServices.logger.mock()));
  app.use(
    (
      err: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => res.status(418).json({ passedOn: err.message }),
  );
  return app;
}

const catalogDown = () =>
  ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'Error',
          message: 'connect ECONNREFUSED 127.0.0.1:5432',
          errno: -111,
          address: '127.0.0.1',
          port: 5432,
        },
        request: { method: 'POST', url: '/entities/by-refs' },
        response: { statusCode: 500 },
      }),
      { status: 500, headers: { 'content-type': 'application/json' } },
    ) as any,
  );

describe('a failing service the plugin calls', () => {
  it('answers 503 with Retry-After and nothing of the upstream body', async () => {
    const res = await request(appThrowing(catalogDown)).get('/');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body.error).toEqual({
      name: 'ServiceUnavailableError',
      message:
        'A service the incidents plugin depends on is unavailable; retry later.',
    });
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|5432|entities/);
  });

  it('answers 503 when the service cannot be reached at all', async () => {
    const unreachable = async () => {
      const cause = Object.assign(new Error('connect ECONNREFUSED'), {
        code: 'ECONNREFUSED',
      });
      return new TypeError('fetch failed', { cause });
    };
    const res = await request(appThrowing(unreachable)).get('/');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  it('passes a 4xx from upstream and other errors on', async () => {
    const notFound = () =>
      ResponseError.fromResponse(
        new Response(
          JSON.stringify({ error: { name: 'NotFoundError', message: 'no' } }),
          {
            status: 404,
            headers: { 'content-type': 'application/json' },
          },
        ) as any,
      );
    expect((await request(appThrowing(notFound)).get('/')).status).toBe(418);
    const bug = async () => new Error('a bug');
    const res = await request(appThrowing(bug)).get('/');
    expect(res.status).toBe(418);
    expect(res.body).toEqual({ passedOn: 'a bug' });
  });
});
