import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binary, freePort } from './processes';

/**
 * A real Alertmanager (Debian's binary; FAILS without it) whose one receiver posts to
 * `webhookUrl` with a bearer token, grouping by alert name and service with 1 s waits, so a
 * test can fire alerts through its API and watch it deliver (and retry) them.
 */
export interface AlertmanagerServer {
  url: string;
  /** Fires (or resolves, with `endsAt`) alerts through the API v2. */
  post(
    alerts: Array<{
      labels: Record<string, string>;
      annotations?: Record<string, string>;
      endsAt?: string;
    }>,
  ): Promise<void>;
  /** What Alertmanager logged (its retries of failed deliveries among them). */
  log(): string;
  stop(): Promise<void>;
}

export async function startAlertmanager(options: {
  webhookUrl: string;
  token: string;
  receiver?: string;
}): Promise<AlertmanagerServer> {
  const bin = binary('ALERTMANAGER_BIN', [
    'prometheus-alertmanager',
    'alertmanager',
  ]);
  const dir = mkdtempSync(path.join(tmpdir(), 'firebreak-am-'));
  const receiver = options.receiver ?? 'firebreak';
  writeFileSync(path.join(dir, 'token'), options.token, { mode: 0o600 });
  writeFileSync(
    path.join(dir, 'alertmanager.yml'),
    [
      'route:',
      `  receiver: ${receiver}`,
      "  group_by: ['alertname', 'service']",
      '  group_wait: 1s',
      '  group_interval: 1s',
      '  repeat_interval: 1h',
      'receivers:',
      `  - name: ${receiver}`,
      '    webhook_configs:',
      `      - url: ${options.webhookUrl}`,
      '        send_resolved: true',
      '        http_config:',
      '          authorization:',
      '            type: Bearer',
      `            credentials_file: ${path.join(dir, 'token')}`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2000) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>(resolve => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const end = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`alertmanager exited: ${output.join('').slice(-2000)}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      r => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > end) {
      await stop();
      throw new Error(`alertmanager did not start: ${output.join('')}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return {
    url,
    log: () => output.join(''),
    stop,
    post: async alerts => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) {
        throw new Error(`alertmanager refused alerts: ${res.status}`);
      }
    },
  };
}
