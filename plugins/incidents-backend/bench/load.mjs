// Load generator of the alert ingestion benchmark (bench/alerts.ts forks it): concurrent
// clients post Alertmanager-sized webhook notifications for a while and report latency.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const url = process.env.BENCH_URL;
const token = process.env.BENCH_TOKEN;
const durationMs = Number(process.env.BENCH_DURATION_S ?? 30) * 1000;
const saturationMs = Number(process.env.BENCH_SATURATION_S ?? 10) * 1000;
const rate = Number(process.env.BENCH_RATE ?? 5000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const maxInFlight = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 256);
const services = Number(process.env.BENCH_SERVICES ?? 100);
const minAlerts = Number(process.env.BENCH_MIN_ALERTS ?? 50);
const maxAlerts = Number(process.env.BENCH_MAX_ALERTS ?? 200);
const repeatShare = Number(process.env.BENCH_REPEATS ?? 0.3);
const resolveShare = Number(process.env.BENCH_RESOLVES ?? 0.05);
const duplicateShare = Number(process.env.BENCH_DUPLICATES ?? 0.05);

// The shipped rules' triggers, so the default declaration rules apply.
const TRIGGERS = [
  ['FirebreakErrorRateCritical', 'sev1', 'error_rate_critical'],
  ['FirebreakDatabaseConnectionFailures', 'sev1', 'db_connection_failures'],
  ['FirebreakApiLatencyP95', 'sev2', 'api_latency_p95'],
  ['FirebreakFeatureAvailability', 'sev2', 'feature_availability'],
];

const groups = [];
for (let s = 0; s < services; s++) {
  for (const [alertname, severity, trigger] of TRIGGERS) {
    groups.push({
      service: `svc-${s}`,
      alertname,
      severity,
      trigger,
      groupKey: `{}/{severity=~"^(?:sev1|sev2)$"}:{alertname="${alertname}", service="svc-${s}"}`,
      firing: [], // alerts sent firing, for repeats
      next: 0,
    });
  }
}

const fingerprint = labels =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(labels).sort()))
    .digest('hex')
    .slice(0, 16);

function newAlert(group) {
  const i = group.next++;
  const labels = {
    alertname: group.alertname,
    severity: group.severity,
    firebreak_trigger: group.trigger,
    service: group.service,
    instance: `10.0.${(i >> 8) & 255}.${i & 255}:9090`,
    pod: `${group.service}-${i}`,
    namespace: 'production',
    job: group.service,
  };
  return {
    status: 'firing',
    labels,
    annotations: {
      summary: `${group.service}: ${group.alertname}`,
      description: `${group.alertname} on ${group.service} pod ${i}: value 12.5% over the last 5 minutes (threshold 10% for 5 minutes).`,
      runbook_url: `https://runbooks.example.com/firebreak/triggers/${group.trigger}`,
    },
    startsAt: new Date(Date.now() - 60_000).toISOString(),
    endsAt: '0001-01-01T00:00:00Z',
    generatorURL: `http://prometheus.example.com/graph?g0.expr=${encodeURIComponent(
      group.alertname,
    )}`,
    fingerprint: fingerprint(labels),
  };
}

function batch(
  group = groups[Math.floor(Math.random() * groups.length)],
  size,
) {
  const n =
    size ?? minAlerts + Math.floor(Math.random() * (maxAlerts - minAlerts + 1));
  const alerts = [];
  const repeats = Math.min(Math.round(n * repeatShare), group.firing.length);
  const resolves = Math.min(
    Math.round(n * resolveShare),
    group.firing.length - repeats,
  );
  const picked = new Set();
  while (picked.size < repeats + resolves) {
    picked.add(Math.floor(Math.random() * group.firing.length));
  }
  const indexes = [...picked];
  for (const i of indexes.slice(0, repeats)) alerts.push(group.firing[i]);
  const resolvedIdx = indexes.slice(repeats).sort((a, b) => b - a);
  for (const i of resolvedIdx) {
    const [alert] = group.firing.splice(i, 1);
    alerts.push({
      ...alert,
      status: 'resolved',
      endsAt: new Date().toISOString(),
    });
  }
  while (alerts.length < n) {
    const alert = newAlert(group);
    group.firing.push(alert);
    alerts.push(alert);
  }
  return {
    counts: { repeats, resolves, fresh: n - repeats - resolves },
    body: JSON.stringify({
      version: '4',
      groupKey: group.groupKey,
      truncatedAlerts: 0,
      status: 'firing',
      receiver: 'firebreak',
      groupLabels: { alertname: group.alertname, service: group.service },
      commonLabels: { alertname: group.alertname, service: group.service },
      commonAnnotations: {},
      externalURL: 'http://alertmanager.example.com',
      alerts,
    }),
    alerts: n,
  };
}

async function post(body) {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

function newStats() {
  return {
    requests: 0,
    alerts: 0,
    bytes: 0,
    repeats: 0,
    resolves: 0,
    fresh: 0,
    duplicates: 0,
    statuses: {},
    latencies: [],
  };
}

function record(stats, b, results, sentTwice) {
  for (const r of results) {
    stats.requests++;
    stats.statuses[r.status] = (stats.statuses[r.status] ?? 0) + 1;
    stats.latencies.push(r.ms);
  }
  stats.alerts += b.alerts * results.length;
  stats.bytes += b.body.length * results.length;
  stats.repeats += b.counts.repeats;
  stats.resolves += b.counts.resolves;
  stats.fresh += b.counts.fresh;
  if (sentTwice) stats.duplicates++;
}

async function deliver(stats, b) {
  const twice = Math.random() < duplicateShare;
  const results = await Promise.all(
    twice ? [post(b.body), post(b.body)] : [post(b.body)],
  );
  record(stats, b, results, twice);
}

function summary(stats, elapsedS, extra = {}) {
  const sorted = stats.latencies.sort((a, b) => a - b);
  const pct = p =>
    sorted[
      Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
    ] ?? 0;
  return {
    ...extra,
    elapsedS,
    requests: stats.requests,
    alerts: stats.alerts,
    alertsPerSecond: stats.alerts / elapsedS,
    webhooksPerSecond: stats.requests / elapsedS,
    megabytes: stats.bytes / 1e6,
    mix: {
      repeats: stats.repeats,
      resolves: stats.resolves,
      fresh: stats.fresh,
      duplicateDeliveries: stats.duplicates,
    },
    statuses: stats.statuses,
    latencyMs: {
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: sorted.at(-1) ?? 0,
    },
  };
}

// 1. Prime: the first notification of every group (declares its incident), 8 at a time,
// with enough alerts that every later notification finds its 30% of repeats.
const primeAlerts = Math.ceil(maxAlerts * repeatShare);
async function prime() {
  const stats = newStats();
  const started = performance.now();
  const queue = [...groups];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) {
        const b = batch(g, primeAlerts);
        record(stats, b, [await post(b.body)], false);
      }
    }),
  );
  return summary(stats, (performance.now() - started) / 1000, {
    phase: 'prime',
    alertsPerNotification: primeAlerts,
  });
}

// 2. Sustained rate (open loop): notifications leave on schedule whatever the latency, as
// from many Alertmanager groups; the server keeps up or latency shows it.
async function sustained() {
  const stats = newStats();
  const meanAlerts = (minAlerts + maxAlerts) / 2;
  const intervalMs = (meanAlerts / rate) * 1000;
  const started = performance.now();
  const deadline = started + durationMs;
  const inFlight = new Set();
  let dropped = 0;
  for (let next = started; next < deadline; next += intervalMs) {
    const wait = next - performance.now();
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
    if (inFlight.size >= maxInFlight) {
      dropped++;
      continue;
    }
    const p = deliver(stats, batch()).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return summary(stats, (performance.now() - started) / 1000, {
    phase: 'sustained',
    offeredAlertsPerSecond: rate,
    notSentBecauseOverloaded: dropped,
  });
}

// 3. Saturation (closed loop): how much the server takes with `concurrency` clients.
async function saturation() {
  const stats = newStats();
  const started = performance.now();
  const deadline = started + saturationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await deliver(stats, batch());
    }),
  );
  return summary(stats, (performance.now() - started) / 1000, {
    phase: 'saturation',
    concurrency,
  });
}

const result = {
  groups: groups.length,
  prime: await prime(),
  sustained: await sustained(),
  saturation: saturationMs > 0 ? await saturation() : undefined,
};
if (process.send) {
  process.send(result, () => process.exit(0));
} else {
  console.log(JSON.stringify(result, null, 2));
}
