import { InputError } from '@backstage/errors';
import { AlertLink } from '@firebreak/plugin-incidents-common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { describeZodError } from '../../domain/zodErrors';
import { NormalizedAlert } from '../../domain/alerts/types';
import {
  actorName,
  pushLink,
  safeUrl,
  timestamp,
  toIso,
  truncate,
} from './shared';

/** Events v2 severities, most severe first. */
export const EVENT_SEVERITIES = [
  'critical',
  'error',
  'warning',
  'info',
] as const;

const short = z.string().max(1024);

/** An Events API v2 event (`POST /v1/alerts/events`). */
export const eventSchema = z
  .object({
    routing_key: z.string().min(1).max(255),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
    dedup_key: z.string().min(1).max(255).optional(),
    payload: z
      .object({
        // Events v2 truncates summaries to 1024 characters rather than refusing them.
        summary: z.string().trim().min(1, 'is required').max(100_000),
        source: z.string().trim().min(1, 'is required').max(1024),
        severity: z.enum(EVENT_SEVERITIES),
        timestamp: timestamp.optional(),
        component: short.optional(),
        group: short.optional(),
        class: short.optional(),
        custom_details: z.unknown().optional(),
      })
      .strict()
      .optional(),
    client: short.optional(),
    client_url: z.string().max(2048).optional(),
    links: z
      .array(z.object({ href: z.string().max(2048), text: short.optional() }))
      .max(100)
      .optional(),
    images: z
      .array(
        z.object({
          src: z.string().max(2048),
          href: z.string().max(2048).optional(),
          alt: short.optional(),
        }),
      )
      .max(100)
      .optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (event.event_action === 'trigger' && !event.payload) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['payload'],
        message: 'is required for event_action trigger',
      });
    }
    if (event.event_action !== 'trigger' && !event.dedup_key) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['dedup_key'],
        message: `is required for event_action ${event.event_action}`,
      });
    }
  });

export type EventsV2Event = z.infer<typeof eventSchema>;

/** The routing key of a body, before anything else is validated (it authenticates). */
export function routingKeyOf(body: unknown): string | undefined {
  const key =
    body && typeof body === 'object'
      ? (body as { routing_key?: unknown }).routing_key
      : undefined;
  return typeof key === 'string' ? key : undefined;
}

export function parseEvent(body: unknown): EventsV2Event {
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      `Invalid request body: ${describeZodError(parsed.error)}`,
    );
  }
  return parsed.data;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * Labels of an event, for routing and the declaration rules: severity, source, component,
 * group and class, plus the scalar top-level `custom_details` (which never override those).
 */
function labelsOf(payload: NonNullable<EventsV2Event['payload']>) {
  const labels: Record<string, string> = {};
  const details = payload.custom_details;
  if (details && typeof details === 'object' && !Array.isArray(details)) {
    for (const [key, value] of Object.entries(details)) {
      if (
        LABEL_NAME.test(key) &&
        (typeof value === 'string' ||
          typeof value === 'number' ||
          typeof value === 'boolean')
      ) {
        labels[key] = truncate(String(value), 1024);
      }
    }
  }
  labels.severity = payload.severity;
  labels.source = payload.source;
  if (payload.component) labels.component = payload.component;
  if (payload.group) labels.group = payload.group;
  if (payload.class) labels.class = payload.class;
  return labels;
}

/** The event as a NormalizedAlert; a trigger without dedup_key gets a new one. */
export function normalizeEvent(
  event: EventsV2Event,
  options: { keyId: string; keyName?: string; entityRef?: string; now: Date },
): NormalizedAlert {
  const dedupKey = event.dedup_key ?? randomUUID();
  const actor = `events:default/${actorName(options.keyName ?? options.keyId)}`;
  const routing = {
    ...(options.entityRef ? { routingKeyEntityRef: options.entityRef } : {}),
    ...(options.keyName ? { routingKeyName: options.keyName } : {}),
  };
  const base = {
    source: 'events' as const,
    scope: options.keyId,
    dedupKey,
    groupKey: dedupKey,
    actor,
    ...routing,
  };
  if (event.event_action !== 'trigger' || !event.payload) {
    return {
      ...base,
      action: event.event_action === 'resolve' ? 'resolve' : 'acknowledge',
      statusOnly: true,
      name: '',
      summary: '',
      labels: {},
      annotations: {},
      startsAt: options.now.toISOString(),
      ...(event.event_action === 'resolve'
        ? { endsAt: options.now.toISOString() }
        : {}),
      links: [],
      details: {},
    };
  }
  const payload = event.payload;
  const links: AlertLink[] = [];
  pushLink(links, event.client_url, event.client ?? 'Source');
  for (const link of event.links ?? []) {
    pushLink(links, link.href, link.text ?? link.href);
  }
  const images = (event.images ?? [])
    .map(i => ({ src: safeUrl(i.src), href: safeUrl(i.href), alt: i.alt }))
    .filter(i => i.src);
  const summary = truncate(payload.summary, 1024);
  const generatorUrl = safeUrl(event.client_url);
  return {
    ...base,
    action: 'fire',
    statusOnly: false,
    name: truncate(payload.class || payload.source, 255),
    summary,
    labels: labelsOf(payload),
    annotations: {
      summary,
      ...(event.client ? { client: event.client } : {}),
    },
    startsAt: toIso(payload.timestamp) ?? options.now.toISOString(),
    ...(generatorUrl ? { generatorUrl } : {}),
    links,
    details: {
      ...(payload.custom_details !== undefined
        ? { customDetails: payload.custom_details }
        : {}),
      ...(images.length > 0 ? { images } : {}),
    },
  };
}
