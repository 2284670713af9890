import {
  BackstageCredentials,
  BackstagePrincipalTypes,
  HttpAuthService,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import { RequestHandler } from 'express';

/** How many callers' tokens are kept at most; the oldest go first. */
const MAX_TOKENS = 1000;

/** The longest a token is trusted without a check, whatever `incidents.cache.seconds` says. */
export const MAX_TTL_MS = 30_000;

interface Verified {
  credentials: Promise<BackstageCredentials>;
  /** Epoch millis after which the token is verified again. */
  until: number;
}

/**
 * The plugin's authentication, with each caller's token verified once per `ttlMs`.
 *
 * Backstage verifies the bearer token of every request before the plugin's routes see it
 * (its credentials barrier): an ES256 signature check, about a sixth of the CPU of an
 * Incidents tab request. On the worst day the same few hundred people reload the same pages,
 * each with the same token, so the plugin keeps the credentials that a token was verified to
 * carry, for at most `ttlMs` (and {@link MAX_TTL_MS}), never past the token's own `exp` or the
 * credentials' expiry.
 *
 * - `middleware` does what Backstage's barrier does, from the cache, for the plugin's own
 *   paths (`ownPaths` and their sub-paths) but the `publicPaths`: a user or service token,
 *   else 401. Backstage's barrier is told to let the own paths through to it and keeps
 *   guarding every other path (the permission metadata, the auth cookie, a module's routes).
 * - `httpAuth` answers the routes' `credentials(req, { allow })` from the same cache and
 *   refuses a principal that `allow` does not name, with Backstage's own errors.
 *
 * A token is kept only once it verified, by its exact text, so no request is let in that
 * Backstage's own check would refuse, save one whose signing key was withdrawn less than
 * `ttlMs` ago. A request without a bearer token (none, or a cookie) is Backstage's to answer.
 * This assumes Backstage's token-only httpAuth: an HttpAuthService that also judges a request
 * by anything else (its address, a client certificate) needs `incidents.cache.seconds: 0`.
 */
export function cachedCredentials(options: {
  httpAuth: HttpAuthService;
  ttlMs: number;
  ownPaths: string[];
  publicPaths: string[];
  now?: () => number;
}): { httpAuth: HttpAuthService; middleware: RequestHandler } {
  const { httpAuth } = options;
  const ttlMs = Math.min(options.ttlMs, MAX_TTL_MS);
  const now = options.now ?? Date.now;
  const verified = new Map<string, Verified>();
  const isOwn = pathMatcher(options.ownPaths);
  const isPublic = pathMatcher(options.publicPaths);

  function verify(req: Parameters<HttpAuthService['credentials']>[0]) {
    const token = bearerToken(req.headers.authorization);
    if (!token) {
      return undefined;
    }
    const kept = verified.get(token);
    if (kept && kept.until > now()) {
      return kept.credentials;
    }
    verified.delete(token);
    const until = Math.min(now() + ttlMs, expiryOf(token));
    if (!(until > now())) {
      return httpAuth.credentials(req); // expired: Backstage says why
    }
    while (verified.size >= MAX_TOKENS) {
      verified.delete(verified.keys().next().value!);
    }
    const entry: Verified = { credentials: httpAuth.credentials(req), until };
    verified.set(token, entry);
    entry.credentials.then(
      credentials => {
        if (credentials.expiresAt) {
          entry.until = Math.min(entry.until, credentials.expiresAt.getTime());
        }
      },
      () => {
        if (verified.get(token) === entry) verified.delete(token);
      },
    );
    return entry.credentials;
  }

  const cached: HttpAuthService = {
    async credentials(req, credentialOptions) {
      const credentials = credentialOptions?.allowLimitedAccess
        ? undefined
        : verify(req);
      if (!credentials) {
        return httpAuth.credentials(req, credentialOptions as any) as any;
      }
      return allowed(await credentials, credentialOptions?.allow);
    },
    issueUserCookie: (res, cookieOptions) =>
      httpAuth.issueUserCookie(res, cookieOptions),
  };

  const middleware: RequestHandler = (req, _res, next) => {
    if (!isOwn(req.path) || isPublic(req.path)) {
      next();
      return;
    }
    cached.credentials(req, { allow: ['user', 'service'] }).then(
      () => next(),
      error => next(error),
    );
  };

  return { httpAuth: cached, middleware };
}

/** A path and its sub-paths, without regard to case (Backstage's auth policy paths). */
function pathMatcher(paths: string[]): (path: string) => boolean {
  const lower = paths.map(p => p.toLowerCase());
  return path => {
    const asked = path.toLowerCase();
    return lower.some(p => asked === p || asked.startsWith(`${p}/`));
  };
}

/** The epoch millis of a JWT's `exp` (read, not verified: it only shortens the keeping). */
function expiryOf(token: string): number {
  try {
    const claims = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    );
    return typeof claims?.exp === 'number' ? claims.exp * 1000 : Infinity;
  } catch {
    return Infinity; // not a JWT (a static access token): kept for ttlMs
  }
}

function bearerToken(header: string | string[] | undefined) {
  return typeof header === 'string'
    ? /^Bearer[ ]+(\S+)$/i.exec(header)?.[1]
    : undefined;
}

/** Backstage's `allow` check (DefaultHttpAuthService), with its errors. */
function allowed(
  credentials: BackstageCredentials,
  allow: Array<keyof BackstagePrincipalTypes> | undefined,
): BackstageCredentials {
  if (!allow) {
    return credentials;
  }
  const type = (
    credentials.principal as { type: keyof BackstagePrincipalTypes }
  ).type;
  if (allow.includes(type)) {
    return credentials;
  }
  if (type === 'none') {
    throw new AuthenticationError('Missing credentials');
  }
  throw new NotAllowedError(
    `This endpoint does not allow '${type}' credentials`,
  );
}

/**
 * Mounts {@link cachedCredentials} for `ownPaths` (every route of the plugin's routers is
 * under them), with Backstage's barrier told to let those paths through to it, when `ttlMs`
 * is above 0 and Backstage's default auth policy is on
 * (`backend.auth.dangerouslyDisableDefaultAuthPolicy` unset). `publicPaths` are
 * unauthenticated either way. Must run before the plugin's routers are mounted; a backend
 * module that mounts routes under `ownPaths` must check credentials in them, as every route
 * of the plugin does. Returns the HttpAuthService for the routes.
 */
export function guardRoutes(options: {
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  config: Config;
  ttlMs: number;
  ownPaths: string[];
  publicPaths: string[];
}): HttpAuthService {
  const { httpRouter, config, ttlMs, ownPaths, publicPaths } = options;
  for (const path of publicPaths) {
    httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
  }
  const backstageGuards = !config.getOptionalBoolean(
    'backend.auth.dangerouslyDisableDefaultAuthPolicy',
  );
  if (!(ttlMs > 0)) {
    return options.httpAuth;
  }
  const cached = cachedCredentials({
    httpAuth: options.httpAuth,
    ttlMs,
    ownPaths,
    publicPaths,
  });
  if (backstageGuards) {
    httpRouter.use(cached.middleware);
    for (const path of ownPaths) {
      httpRouter.addAuthPolicy({ path, allow: 'unauthenticated' });
    }
  }
  return cached.httpAuth;
}
