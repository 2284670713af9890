import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import { Request } from 'express';
import { MAX_TTL_MS, cachedCredentials } from './cachedCredentials';

const user = (ref: string, expiresAt?: Date): BackstageCredentials => ({
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: ref },
  ...(expiresAt ? { expiresAt } : {}),
});
const service: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:catalog' },
};

/** Backstage's httpAuth, counting verifications: `tokens` maps a token to its credentials. */
function backstage(tokens: Record<string, BackstageCredentials | Error>) {
  const verified: string[] = [];
  const httpAuth = {
    credentials: jest.fn(async (req: Request, options?: any) => {
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) {
        if (options?.allow && !options.allow.includes('none')) {
          throw new AuthenticationError('Missing credentials');
        }
        return { principal: { type: 'none' } };
      }
      verified.push(token);
      const found = tokens[token] ?? new AuthenticationError('invalid token');
      if (found instanceof Error) throw found;
      return found;
    }),
    issueUserCookie: jest.fn(),
  } as unknown as HttpAuthService;
  return { httpAuth, verified };
}

const req = (token?: string, path = '/v1/incidents') =>
  ({
    path,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  } as unknown as Request);

describe('cachedCredentials', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });
  /** The cache over `httpAuth` for the plugin's /v1 routes, on the test's clock. */
  const cacheOver = (
    httpAuth: HttpAuthService,
    options: { ttlMs?: number; publicPaths?: string[] } = {},
  ) =>
    cachedCredentials({
      httpAuth,
      ttlMs: options.ttlMs ?? 5000,
      ownPaths: ['/v1'],
      publicPaths: options.publicPaths ?? [],
      now: clock,
    });

  it('verifies a token once per ttl and again after it', async () => {
    const { httpAuth, verified } = backstage({ a: user('user:default/a') });
    const cached = cacheOver(httpAuth);
    const first = await cached.httpAuth.credentials(req('a'));
    now += 4999;
    expect(await cached.httpAuth.credentials(req('a'))).toBe(first);
    expect(verified).toEqual(['a']);
    now += 1;
    await cached.httpAuth.credentials(req('a'));
    expect(verified).toEqual(['a', 'a']);
  });

  it('keeps no credentials past the expiry of their token', async () => {
    const { httpAuth, verified } = backstage({
      a: user('user:default/a', new Date(1_000_000 + 1000)),
    });
    const cached = cacheOver(httpAuth);
    await cached.httpAuth.credentials(req('a'));
    now += 999;
    await cached.httpAuth.credentials(req('a'));
    expect(verified).toEqual(['a']);
    now += 1;
    await cached.httpAuth.credentials(req('a'));
    expect(verified).toEqual(['a', 'a']);
  });

  it('shares one verification among concurrent requests with a token, not among tokens', async () => {
    const { httpAuth, verified } = backstage({
      a: user('user:default/a'),
      b: user('user:default/b'),
    });
    const cached = cacheOver(httpAuth);
    const answers = await Promise.all(
      ['a', 'a', 'b', 'a', 'b'].map(t => cached.httpAuth.credentials(req(t))),
    );
    expect(verified).toEqual(['a', 'b']);
    expect(answers.map(c => (c.principal as any).userEntityRef)).toEqual([
      'user:default/a',
      'user:default/a',
      'user:default/b',
      'user:default/a',
      'user:default/b',
    ]);
  });

  it('keeps no refusal: an invalid token is refused and verified again each time', async () => {
    const { httpAuth, verified } = backstage({});
    const cached = cacheOver(httpAuth);
    await expect(cached.httpAuth.credentials(req('bad'))).rejects.toThrow(
      AuthenticationError,
    );
    await expect(cached.httpAuth.credentials(req('bad'))).rejects.toThrow(
      AuthenticationError,
    );
    expect(verified).toEqual(['bad', 'bad']);
  });

  it("applies `allow` to kept credentials with Backstage's errors", async () => {
    const { httpAuth } = backstage({ u: user('user:default/u'), s: service });
    const cached = cacheOver(httpAuth).httpAuth;
    await cached.credentials(req('u'));
    await cached.credentials(req('s'));
    await expect(
      cached.credentials(req('u'), { allow: ['service'] }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: "This endpoint does not allow 'user' credentials",
    });
    await expect(
      cached.credentials(req('s'), { allow: ['user'] }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(
      await cached.credentials(req('s'), { allow: ['user', 'service'] }),
    ).toBe(service);
  });

  it('leaves a request without a bearer token, and limited access, to Backstage', async () => {
    const { httpAuth, verified } = backstage({ a: user('user:default/a') });
    const cached = cacheOver(httpAuth).httpAuth;
    await expect(
      cached.credentials(req(), { allow: ['user'] }),
    ).rejects.toThrow(AuthenticationError);
    await cached.credentials(req('a'), { allowLimitedAccess: true });
    await cached.credentials(req('a'), { allowLimitedAccess: true });
    expect(verified).toEqual(['a', 'a']);
  });

  it('keeps at most a thousand tokens, dropping the oldest', async () => {
    const tokens: Record<string, BackstageCredentials> = {};
    for (let i = 0; i <= 1000; i++) tokens[`t${i}`] = user(`user:default/${i}`);
    const { httpAuth, verified } = backstage(tokens);
    const cached = cacheOver(httpAuth).httpAuth;
    for (let i = 0; i <= 1000; i++) await cached.credentials(req(`t${i}`));
    verified.length = 0;
    await cached.credentials(req('t1000'));
    await cached.credentials(req('t1'));
    expect(verified).toEqual([]);
    await cached.credentials(req('t0'));
    expect(verified).toEqual(['t0']);
  });

  /** A JWT as far as its claims go (the signature is the verifier's business). */
  const jwt = (exp: number) =>
    `h.${Buffer.from(JSON.stringify({ sub: 's', exp })).toString(
      'base64url',
    )}.sig`;

  it('keeps no token past its own exp (service tokens carry no expiresAt), nor an expired one at all', async () => {
    const soon = jwt((1_000_000 + 2000) / 1000);
    const gone = jwt((1_000_000 - 1000) / 1000);
    const { httpAuth, verified } = backstage({
      [soon]: service,
      [gone]: service,
    });
    const cached = cacheOver(httpAuth).httpAuth;
    await cached.credentials(req(soon));
    now += 1999;
    await cached.credentials(req(soon));
    expect(verified).toEqual([soon]);
    now += 1;
    await cached.credentials(req(soon));
    await cached.credentials(req(gone));
    await cached.credentials(req(gone));
    expect(verified).toEqual([soon, soon, gone, gone]);
  });

  it('trusts a token at most MAX_TTL_MS, whatever the ttl asked', async () => {
    const { httpAuth, verified } = backstage({ a: user('user:default/a') });
    const cached = cacheOver(httpAuth, { ttlMs: 3_600_000 }).httpAuth;
    await cached.credentials(req('a'));
    now += MAX_TTL_MS - 1;
    await cached.credentials(req('a'));
    now += 1;
    await cached.credentials(req('a'));
    expect(verified).toEqual(['a', 'a']);
  });

  describe('middleware', () => {
    const run = (middleware: any, request: Request) =>
      new Promise<unknown>(resolve => middleware(request, {}, resolve));

    it('needs a user or service token on the own paths but the public ones', async () => {
      const { httpAuth, verified } = backstage({
        u: user('user:default/u'),
        s: service,
      });
      const { middleware } = cacheOver(httpAuth, {
        publicPaths: ['/v1/alerts/alertmanager', '/health'],
      });
      for (const path of [
        '/v1/alerts/alertmanager',
        '/V1/Alerts/AlertManager',
        '/v1/alerts/alertmanager/x',
      ]) {
        expect(await run(middleware, req(undefined, path))).toBeUndefined();
      }
      for (const path of [
        '/v1/incidents',
        '/V1/incidents/INC-1',
        '/v1/alerts/alertmanagerx',
        '/v1',
      ]) {
        expect(await run(middleware, req(undefined, path))).toBeInstanceOf(
          AuthenticationError,
        );
        expect(await run(middleware, req('bad', path))).toBeInstanceOf(
          AuthenticationError,
        );
        expect(await run(middleware, req('u', path))).toBeUndefined();
        expect(await run(middleware, req('s', path))).toBeUndefined();
      }
      verified.length = 0;
      // Other paths are Backstage's barrier's (permission metadata, the auth cookie, modules).
      for (const path of [
        '/.well-known/backstage/permissions/metadata',
        '/v10',
        '/',
      ]) {
        expect(await run(middleware, req('bad', path))).toBeUndefined();
      }
      expect(verified).toEqual([]);
    });
  });
});
