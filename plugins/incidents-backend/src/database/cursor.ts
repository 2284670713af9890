import { InputError } from '@backstage/errors';
import { SEVERITIES, Severity } from '@firebreak/plugin-incidents-common';
import { z } from 'zod';

/**
 * Opaque keyset cursors: base64url JSON. Each kind is tagged so that a timeline cursor sent
 * to the incident list (or a tampered one) is refused as bad input instead of misread.
 */

// Bounded by what the columns hold (PostgreSQL integer, bigint, timestamps), so that a
// tampered cursor is bad input on PostgreSQL too, not an overflow.
const MAX_INTEGER = 2_147_483_647;
const MAX_DATE_MS = 8.64e15;
const BIGINT =
  /^(0|[1-9]\d{0,17}|[1-8]\d{18}|9[01]\d{17}|92[01]\d{16}|922[0-2]\d{15})$/;

const incidentCursor = z
  .object({ k: z.literal('i'), n: z.number().int().min(0).max(MAX_INTEGER) })
  .strict();
const timelineCursor = z
  .object({
    k: z.literal('t'),
    at: z
      .string()
      .datetime()
      .refine(at => Number.isFinite(Date.parse(at))),
    id: z.string().regex(BIGINT),
  })
  .strict();

const slaCursor = z
  .object({ k: z.literal('s'), t: z.number().int(), n: z.number().int() })
  .strict();

const severityCursor = z
  .object({
    k: z.literal('v'),
    s: z.enum(SEVERITIES),
    n: z.number().int().min(0).max(MAX_INTEGER),
  })
  .strict();

const alertCursor = z
  .object({
    k: z.literal('a'),
    t: z.number().int().min(-MAX_DATE_MS).max(MAX_DATE_MS),
    id: z.string().uuid(),
  })
  .strict();

export type IncidentCursor = z.infer<typeof incidentCursor>;
export type TimelineCursor = z.infer<typeof timelineCursor>;
export type AlertCursor = z.infer<typeof alertCursor>;

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode<T>(schema: z.ZodType<T>, cursor: string): T {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new InputError('Invalid query: cursor: is not a valid cursor');
  }
  return parsed.data;
}

export function encodeIncidentCursor(number: number): string {
  return encode({ k: 'i', n: number });
}

export function decodeIncidentCursor(cursor: string): IncidentCursor {
  return decode(incidentCursor, cursor);
}

/** The "breaching soonest" order: SLA due time, then number. */
export function encodeSlaCursor(dueAt: string, number: number): string {
  return encode({ k: 's', t: Date.parse(dueAt), n: number });
}

export function decodeSlaCursor(cursor: string): z.infer<typeof slaCursor> {
  return decode(slaCursor, cursor);
}

/** The "most severe first" order: severity, then newest. */
export function encodeSeverityCursor(
  severity: Severity,
  number: number,
): string {
  return encode({ k: 'v', s: severity, n: number });
}

export function decodeSeverityCursor(
  cursor: string,
): z.infer<typeof severityCursor> {
  return decode(severityCursor, cursor);
}

export function encodeTimelineCursor(at: string, id: string): string {
  return encode({ k: 't', at, id });
}

export function decodeTimelineCursor(cursor: string): TimelineCursor {
  return decode(timelineCursor, cursor);
}

/** Alerts are listed newest first by start, then id. */
export function encodeAlertCursor(startsAt: string, id: string): string {
  return encode({ k: 'a', t: Date.parse(startsAt), id });
}

export function decodeAlertCursor(cursor: string): AlertCursor {
  return decode(alertCursor, cursor);
}

const postmortemCursor = z
  .object({ k: z.literal('p'), n: z.number().int() })
  .strict();

/** Postmortems are listed newest incident first. */
export function encodePostmortemCursor(incidentNumber: number): string {
  return encode({ k: 'p', n: incidentNumber });
}

export function decodePostmortemCursor(
  cursor: string,
): z.infer<typeof postmortemCursor> {
  return decode(postmortemCursor, cursor);
}

const actionItemCursor = z
  .object({
    k: z.literal('ai'),
    d: z.number().int().nullable(),
    id: z.string().uuid(),
  })
  .strict();

/** Action items are listed by due time (overdue first, undated last), then id. */
export function encodeActionItemCursor(
  dueAt: string | undefined,
  id: string,
): string {
  return encode({ k: 'ai', d: dueAt ? Date.parse(dueAt) : null, id });
}

export function decodeActionItemCursor(
  cursor: string,
): z.infer<typeof actionItemCursor> {
  return decode(actionItemCursor, cursor);
}
