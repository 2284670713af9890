/**
 * One load by hand against the backend that `BENCH_SERVE=1 yarn bench:scale` keeps up: the
 * figures the readings in docs/benchmarks.md quote as "by hand".
 *
 *   yarn bench:by-hand get <path> [connections=1] [seconds=8]
 *   yarn bench:by-hand declare [connections=8] [seconds=10]
 *
 * `get` requests `<path>` (e.g. `/api/incidents/v1/incidents?entityRef=...`) as the guest;
 * `declare` declares the bench's SEV2 on checkout (IC assignment and paging). Prints the
 * result of bench/httpLoad.ts as JSON. BENCH_PORT as for bench:scale (7310).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { declarationRequest } from './declaration';
import { LoadRequest, runLoad } from './httpLoad';

const base = `http://127.0.0.1:${process.env.BENCH_PORT ?? 7310}`;
const tokenFile = path.resolve(__dirname, '../../../tmp/bench-token');

function usage(): never {
  process.stderr.write(
    'usage: bench:by-hand get <path> [connections] [seconds] | declare [connections] [seconds]\n',
  );
  process.exit(2);
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const headers = {
    authorization: `Bearer ${readFileSync(tokenFile, 'utf8').trim()}`,
  };
  let request: LoadRequest;
  let defaults: [number, number];
  if (mode === 'get' && rest[0]?.startsWith('/')) {
    request = { url: `${base}${rest.shift()}`, headers };
    defaults = [1, 8];
  } else if (mode === 'declare') {
    request = declarationRequest(base, headers);
    defaults = [8, 10];
  } else {
    usage();
  }
  const [connections, seconds] = defaults.map((fallback, i) =>
    rest[i] === undefined ? fallback : Number(rest[i]),
  );
  if (!(connections >= 1) || !(seconds > 0)) usage();
  const result = await runLoad(request, {
    connections,
    durationMs: seconds * 1000,
    warmupMs: mode === 'declare' ? 0 : undefined,
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch(error => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
