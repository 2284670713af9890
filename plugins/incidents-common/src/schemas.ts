import { z } from 'zod';
import { PHASES, TRANSITION_IDS } from './lifecycle';
import { entityRefField, textField } from './fields';
import { SEVERITIES } from './severity';
import { csv } from './queryLists';
import { groupRefSchema } from './responseSchemas';

/**
 * zod schemas for the API payloads. The backend validates every request body and query with
 * these; the frontend can reuse them for form validation.
 */

const entityRef = entityRefField();
const text = textField;

/** Validates the body of `POST /v1/incidents` (declaring an incident). @public */
export const declareIncidentSchema = z
  .object({
    title: text(200).min(1, 'is required'),
    summary: text(10_000).default(''),
    customerImpact: text(10_000).default(''),
    severity: z.enum(SEVERITIES),
    affectedEntityRefs: z
      .array(entityRef)
      .min(1, 'name at least one affected entity')
      .max(100),
    regions: z.array(text(100).min(1)).max(50).default([]),
    /** Seen by its audience only (needs incident.restricted.create). */
    restricted: z.boolean().default(false),
  })
  .strict();

/** The body of `POST /v1/incidents`. @public */
export type DeclareIncidentRequest = z.input<typeof declareIncidentSchema>;

/**
 * Validates the body of `PATCH /v1/incidents/:id` (an edit; `version` guards against lost
 * updates).
 *
 * @public
 */
export const updateIncidentSchema = z
  .object({
    version: z.number().int().positive(),
    title: text(200).min(1, 'must not be empty').optional(),
    summary: text(10_000).optional(),
    customerImpact: text(10_000).optional(),
    severity: z.enum(SEVERITIES).optional(),
    regions: z.array(text(100).min(1)).max(50).optional(),
    /** Raising it brings the FinOps specialist in. */
    costImpact: z.boolean().optional(),
    /** Raising it brings the privacy officer in. */
    dataExposure: z.boolean().optional(),
  })
  .strict();

/** The body of `PATCH /v1/incidents/:id`. @public */
export type UpdateIncidentRequest = z.input<typeof updateIncidentSchema>;

/** Validates the body of `POST /v1/incidents/:id/transitions`. @public */
export const transitionSchema = z
  .object({
    transition: z.enum(TRANSITION_IDS),
    /** When given, the transition is refused (409) if the incident changed since. */
    version: z.number().int().positive().optional(),
    note: text(10_000).optional(),
  })
  .strict();

/** The body of `POST /v1/incidents/:id/transitions`. @public */
export type TransitionRequest = z.input<typeof transitionSchema>;

/** Entries users add by hand; the rest are written by the system. @public */
export const timelineEntrySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('note'),
      body: text(10_000).min(1, 'is required'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('status'),
      body: text(10_000).min(1, 'is required'),
      /** The spec's mitigation status log: set when this update reports impact mitigated. */
      mitigated: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('evidence'),
      body: text(10_000).min(1, 'is required'),
      url: z
        .string()
        .trim()
        .url('must be an http(s) URL')
        .refine(u => /^https?:\/\//i.test(u), 'must be an http(s) URL'),
      /** Evidence that the fix is verified ("verified fix with supporting evidence"). */
      verifiesFix: z.boolean().optional(),
    })
    .strict(),
]);

/** The body of `POST /v1/incidents/:id/timeline`: a note, status update or evidence. @public */
export type AddTimelineEntryRequest = z.input<typeof timelineEntrySchema>;

/** Query of GET /v1/incidents. `status` is a phase, or `open` / `closed`. @public */
export const listIncidentsQuerySchema = z
  .object({
    /** Entities: the incidents touching them or any of their parts (hasPart, all levels). */
    entityRef: csv(entityRef).optional(),
    /** A team: the incidents of what it and its sub-teams own (all levels down). */
    ownerRef: groupRefSchema.optional(),
    status: csv(
      z.enum(['open', ...PHASES] as [string, ...string[]]),
    ).optional(),
    severity: csv(z.enum(SEVERITIES)).optional(),
    q: text(200).optional(),
    /**
     * `sla`: breaching soonest first (incidents with a running SLA clock only); `severity`:
     * the most severe first, newest first within a severity (open incidents only).
     */
    sort: z.enum(['newest', 'sla', 'severity']).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** `true`: the page carries `total`, the matching count up to a cap. */
    includeTotal: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
  })
  .strict();

/** The query of `GET /v1/incidents`, parsed (defaults applied). @public */
export type ListIncidentsQuery = z.output<typeof listIncidentsQuerySchema>;
