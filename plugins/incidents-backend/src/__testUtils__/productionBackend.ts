import path from 'node:path';

/**
 * How the demo backend runs as in production (app-config.production.yaml: PostgreSQL, every
 * value from the environment), for the scale-out test and `make bench`.
 */

export const repoRoot = path.resolve(__dirname, '../../../..');

/** The configuration files, ending with `extra` (YAML written by the caller). */
export function productionConfigArgs(extra: string): string[] {
  return [
    '--config',
    path.join(repoRoot, 'app-config.yaml'),
    '--config',
    path.join(repoRoot, 'app-config.production.yaml'),
    '--config',
    extra,
  ];
}

/**
 * YAML: the database prefix of this run, the demo catalog by absolute path, and the guest
 * sign-in the load needs (the demo sign-in is development-only).
 */
export function productionConfigYaml(prefix: string): string {
  return [
    'auth:',
    '  providers:',
    '    guest:',
    '      userEntityRef: user:default/guest',
    '      dangerouslyAllowOutsideDevelopment: true',
    'backend:',
    '  database:',
    `    prefix: ${prefix}`,
    'catalog:',
    '  locations:',
    '    - type: file',
    `      target: ${path.join(repoRoot, 'examples/org.yaml')}`,
    '      rules:',
    '        - allow: [User, Group]',
    '    - type: file',
    `      target: ${path.join(repoRoot, 'examples/systems.yaml')}`,
    '',
  ].join('\n');
}

/** The environment app-config.production.yaml reads, for a backend on `port`. */
export function productionEnv(options: {
  port: number;
  pgUrl: string;
  secret: string;
}): NodeJS.ProcessEnv {
  const url = new URL(options.pgUrl);
  const base = `http://127.0.0.1:${options.port}`;
  return {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(options.port),
    APP_BASE_URL: base,
    BACKEND_BASE_URL: base,
    BACKEND_SECRET: options.secret,
    POSTGRES_HOST: url.hostname,
    POSTGRES_PORT: url.port || '5432',
    POSTGRES_USER: decodeURIComponent(url.username || 'postgres'),
    POSTGRES_PASSWORD: decodeURIComponent(url.password || ''),
    LOG_LEVEL: 'warn',
  };
}

/** A guest user's token from the backend at `base` (the guest provider of app-config.yaml). */
export async function guestToken(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/guest/refresh?env=production`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  const body: any = await res.json();
  const token = body?.backstageIdentity?.token;
  if (!token) {
    throw new Error(`no guest token: ${res.status} ${JSON.stringify(body)}`);
  }
  return token;
}
