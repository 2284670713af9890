import { z } from 'zod';
import { describeZodError } from '../../domain/zodErrors';
import { InputError } from '@backstage/errors';
import { AlertLink } from '@firebreak/plugin-incidents-common';
import { NormalizedAlert } from '../../domain/alerts/types';
import {
  actorName,
  fingerprintOf,
  pushLink,
  safeUrl,
  timestamp,
  toIso,
  truncate,
} from './shared';

const stringMap = z.record(z.string().max(200), z.string().max(20_000));

const alertSchema = z
  .object({
    status: z.enum(['firing', 'resolved']),
    labels: stringMap,
    annotations: stringMap.default({}),
    startsAt: timestamp,
    endsAt: timestamp.optional(),
    generatorURL: z.string().max(8192).optional(),
    fingerprint: z.string().min(1).max(255).optional(),
    // Grafana-managed alerts add these.
    silenceURL: z.string().optional(),
    dashboardURL: z.string().optional(),
    panelURL: z.string().optional(),
    imageURL: z.string().optional(),
    values: z.record(z.string(), z.number().nullable()).nullable().optional(),
    valueString: z.string().max(20_000).optional(),
  })
  .passthrough();

/**
 * The Alertmanager webhook payload (version "4"). Grafana's webhook contact point sends the
 * same shape (version "1") with extra fields, which are accepted too.
 */
export const alertmanagerPayloadSchema = z
  .object({
    version: z.string().max(16).optional(),
    groupKey: z.string().max(20_000).optional(),
    status: z.enum(['firing', 'resolved']),
    receiver: z.string().max(255).optional(),
    groupLabels: stringMap.default({}),
    commonLabels: stringMap.default({}),
    commonAnnotations: stringMap.default({}),
    externalURL: z.string().max(8192).optional(),
    truncatedAlerts: z.number().optional(),
    alerts: z.array(alertSchema).max(100_000),
  })
  .passthrough();

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayloadSchema>;

/** Validates an Alertmanager (or Grafana) webhook body; InputError names every problem. */
export function parseAlertmanagerPayload(body: unknown): AlertmanagerPayload {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw new InputError(
      'Invalid request body: expected an Alertmanager webhook payload (JSON object, Content-Type: application/json)',
    );
  }
  const parsed = alertmanagerPayloadSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request body: ${describeZodError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/** The actor of a receiver's alerts, e.g. `alertmanager:default/firebreak`. */
export function alertmanagerActor(receiver: string): string {
  return `alertmanager:default/${actorName(receiver)}`;
}

/** One NormalizedAlert per alert of the notification, in payload order. */
export function normalizeAlertmanager(
  payload: AlertmanagerPayload,
  options: { receiver: string },
): NormalizedAlert[] {
  const groupKey =
    payload.groupKey ??
    `groupLabels:${JSON.stringify(
      Object.keys(payload.groupLabels)
        .sort()
        .map(k => [k, payload.groupLabels[k]]),
    )}`;
  const actor = alertmanagerActor(options.receiver);

  return payload.alerts.map(alert => {
    const labels = alert.labels;
    const annotations = alert.annotations;
    const name = labels.alertname || 'alert';
    const links: AlertLink[] = [];
    pushLink(links, alert.generatorURL, 'Source');
    pushLink(links, annotations.runbook_url, 'Runbook');
    pushLink(links, alert.dashboardURL, 'Dashboard');
    pushLink(links, alert.panelURL, 'Panel');
    pushLink(links, alert.silenceURL, 'Silence');
    pushLink(links, payload.externalURL, 'Alertmanager');

    const details: Record<string, unknown> = {};
    if (payload.receiver) details.receiver = payload.receiver;
    if (alert.values) details.values = alert.values;
    if (alert.valueString) details.valueString = alert.valueString;
    const image = safeUrl(alert.imageURL);
    if (image) details.imageUrl = image;

    const resolved = alert.status === 'resolved';
    const startsAt = toIso(alert.startsAt) ?? new Date(0).toISOString();
    const generatorUrl = safeUrl(alert.generatorURL);
    return {
      source: 'alertmanager',
      // Per receiver: one receiver cannot resolve (or touch) another's alerts; the two
      // members of an HA pair share their receiver, so they still deduplicate.
      scope: options.receiver,
      dedupKey: alert.fingerprint ?? fingerprintOf(labels),
      groupKey,
      action: resolved ? 'resolve' : 'fire',
      statusOnly: false,
      name: truncate(name, 255),
      summary: truncate(
        annotations.summary || annotations.description || name,
        1000,
      ),
      labels,
      annotations,
      startsAt,
      ...(resolved ? { endsAt: toIso(alert.endsAt) } : {}),
      ...(generatorUrl ? { generatorUrl } : {}),
      links,
      details,
      actor,
    };
  });
}
