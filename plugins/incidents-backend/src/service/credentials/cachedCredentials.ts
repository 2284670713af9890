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
 * carry, for at most `ttlMs` and never past the token's own expiry.
 *
 * - `middleware` does what Backstage's barrier does, from the cache: any path but the
 *   `publicPaths` (and their sub-paths) needs a user or service token, else 401. It must be
 *   the plugin's first handler, and Backstage's barrier is told to let the plugin's paths
 *   through to it.
 * - `httpAuth` answers the routes' `credentials(req, { allow })` from the same cache and
 *   refuses a principal that `allow` does not name, with Backstage's own errors.
 *
 * A token is kept only once it verified, by its exact text, so no request is let in that
 * Backstage's own check would refuse, save one whose signing key was withdrawn less than
 * `ttlMs` ago. A request without a bearer token (none, or a cookie) is Backstage's to answer.
 */
export function cachedCredentials(options: {
  httpAuth: HttpAuthService;
  ttlMs: number;
  publicPaths: string[];
  now?: () => number;
}): { httpAuth: HttpAuthService; middleware: RequestHandler } {
  const { httpAuth, ttlMs } = options;
  const now = options.now ?? Date.now;
  const verified = new Map<string, Verified>();
  const publicPaths = options.publicPaths.map(p => p.toLowerCase());

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
    while (verified.size >= MAX_TOKENS) {
      verified.delete(verified.keys().next().value!);
    }
    const entry: Verified = {
      credentials: httpAuth.credentials(req),
      until: now() + ttlMs,
    };
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

  const isPublic = (path: string) => {
    const lower = path.toLowerCase();
    return publicPaths.some(p => lower === p || lower.startsWith(`${p}/`));
  };

  const middleware: RequestHandler = (req, _res, next) => {
    if (isPublic(req.path)) {
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
 * Mounts {@link cachedCredentials} as the plugin's first handler, with Backstage's own
 * barrier told to let every path through to it, when `ttlMs` is above 0 and Backstage's
 * default auth policy is on (`backend.auth.dangerouslyDisableDefaultAuthPolicy` unset).
 * `publicPaths` are unauthenticated either way. Returns the HttpAuthService for the routes.
 */
export function guardRoutes(options: {
  httpRouter: HttpRouterService;
  httpAuth: HttpAuthService;
  config: Config;
  ttlMs: number;
  publicPaths: string[];
}): HttpAuthService {
  const { httpRouter, config, ttlMs, publicPaths } = options;
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
    publicPaths,
  });
  if (backstageGuards) {
    httpRouter.use(cached.middleware);
    httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
  }
  return cached.httpAuth;
}
