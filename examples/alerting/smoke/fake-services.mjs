// Stand-ins for the live smoke test of scripts/test-alerting.sh (no dependencies, Node 18+):
//
// - an exporter of the metric contract on EXPORTER_PORT: one unauthorized access security
//   event for service payments-api (the counter is 0 for the first EVENT_AFTER_SCRAPES
//   scrapes, so Prometheus has seen it at 0, then 1), so Prometheus fires
//   FirebreakSecurityUnauthorizedAccess without waiting out a `for:`;
// - Firebreak's Alertmanager webhook on WEBHOOK_PORT: POST /api/incidents/v1/alerts/alertmanager
//   answers 401 without `Authorization: Bearer $WEBHOOK_TOKEN`, and otherwise appends
//   {authorized, body} as one JSON line to RECEIVED_FILE and answers 200.
//
// Both listen on 127.0.0.1 only. The process exits by itself after LIFETIME_MS.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const env = name => {
  const value = process.env[name];
  if (!value) throw new Error(`fake-services: ${name} is not set`);
  return value;
};
const exporterPort = Number(env('EXPORTER_PORT'));
const webhookPort = Number(env('WEBHOOK_PORT'));
const token = env('WEBHOOK_TOKEN');
const receivedFile = env('RECEIVED_FILE');
const eventAfterScrapes = Number(process.env.EVENT_AFTER_SCRAPES ?? 3);
const lifetimeMs = Number(process.env.LIFETIME_MS ?? 180000);
let scrapes = 0;

const exporter = createServer((req, res) => {
  if (req.url === '/-/ready') {
    res.writeHead(200).end('ready\n');
    return;
  }
  if (req.url !== '/metrics') {
    res.writeHead(404).end();
    return;
  }
  scrapes += 1;
  const events = scrapes > eventAfterScrapes ? 1 : 0;
  res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
  res.end(
    [
      '# HELP security_events_total Security events detected, by type.',
      '# TYPE security_events_total counter',
      `security_events_total{service="payments-api",type="unauthorized_access"} ${events}`,
      'security_events_total{service="payments-api",type="data_exfiltration"} 0',
      '',
    ].join('\n'),
  );
});

const webhook = createServer((req, res) => {
  if (
    req.method !== 'POST' ||
    req.url !== '/api/incidents/v1/alerts/alertmanager'
  ) {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    const authorized = req.headers.authorization === `Bearer ${token}`;
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      body = null;
    }
    appendFileSync(receivedFile, `${JSON.stringify({ authorized, body })}\n`);
    res.writeHead(authorized ? 200 : 401, {
      'content-type': 'application/json',
    });
    res.end(authorized ? '{"status":"ok"}' : '{"error":"unauthorized"}');
  });
});

exporter.listen(exporterPort, '127.0.0.1');
webhook.listen(webhookPort, '127.0.0.1');
setTimeout(() => process.exit(0), lifetimeMs).unref();
