/**
 * A closed-loop HTTP load generator in the manner of autocannon: `connections` keep-alive
 * connections each send the next request as soon as the previous answer arrived, for
 * `durationMs`; latency is measured per request from send to the last byte.
 * (autocannon itself could not be added: the package registry timed out for yarn here.)
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function send(
  agent: http.Agent,
  request: LoadRequest,
): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise(resolve => {
    const req = http.request(
      request.url,
      {
        agent,
        method: request.method ?? 'GET',
        headers: {
          ...request.headers,
          ...(request.body
            ? {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(request.body)),
              }
            : {}),
        },
      },
      res => {
        res.on('data', () => {});
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', () =>
      resolve({ status: 0, ms: performance.now() - started }),
    );
    req.end(request.body);
  });
}

/** Runs the load and summarises it (latencies in milliseconds). */
export async function runLoad(
  request: LoadRequest,
  options: { connections: number; durationMs: number; warmupMs?: number },
): Promise<LoadResult> {
  const agent = new http.Agent({
    keepAlive: true,
    maxSockets: options.connections,
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const warmupEnd = performance.now() + (options.warmupMs ?? 1000);
  const end = warmupEnd + options.durationMs;
  const loop = async () => {
    while (performance.now() < end) {
      const { status, ms } = await send(agent, request);
      if (performance.now() - ms >= warmupEnd) {
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    connections: options.connections,
    requests: latencies.length,
    rps: latencies.length / (options.durationMs / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1] ?? NaN,
    statuses,
  };
}
