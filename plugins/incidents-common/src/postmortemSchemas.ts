import { z } from 'zod';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  POSTMORTEM_SECTION_IDS,
  POSTMORTEM_STATUSES,
} from './postmortem';
import { groupRefSchema, userRefSchema } from './responseSchemas';
import { SEVERITIES } from './severity';

/** zod schemas of the postmortem, action-item and insights API. */

const entityRef = z
  .string()
  .trim()
  .regex(
    /^[^:/\s]+:([^:/\s]+\/)?[^:/\s]+$/,
    'must be an entity ref such as component:default/checkout',
  )
  .transform(ref => {
    const [kind, rest] = ref.split(':');
    const full = rest.includes('/') ? rest : `default/${rest}`;
    return `${kind}:${full}`.toLocaleLowerCase('en-US');
  });

const csv = <T extends z.ZodTypeAny>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));

const isoTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 time' });
const booleanFlag = z.enum(['true', 'false']).transform(v => v === 'true');
const sectionText = z.string().max(50_000);
const version = z.number().int().positive();

/** Body of PUT `/v1/incidents/{id}/postmortem`: the sections to save. @public */
export const savePostmortemSchema = z
  .object({
    version,
    sections: z
      .object(
        Object.fromEntries(
          POSTMORTEM_SECTION_IDS.map(id => [id, sectionText.optional()]),
        ) as Record<
          (typeof POSTMORTEM_SECTION_IDS)[number],
          z.ZodOptional<typeof sectionText>
        >,
      )
      .strict(),
    /** SEV1 / SEV2: schedule (or move) the review meeting; null cancels it. */
    reviewMeeting: z
      .object({
        at: isoTime,
        attendeeRefs: z
          .array(z.union([userRefSchema, groupRefSchema]))
          .min(1, 'invite at least one attendee')
          .max(100),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();

/** Body of PUT `/v1/incidents/{id}/postmortem`: the sections to save. @public */
export type SavePostmortemRequest = z.input<typeof savePostmortemSchema>;

/** Body of POST `/v1/incidents/{id}/postmortem/status`. @public */
export const postmortemStatusSchema = z
  .object({ status: z.enum(POSTMORTEM_STATUSES), version })
  .strict();

/** Body of POST `/v1/incidents/{id}/postmortem/status`: the review status to move to. @public */
export type PostmortemStatusRequest = z.input<typeof postmortemStatusSchema>;

/** Query of GET /v1/postmortems. `overdue` is a status of its own. @public */
export const listPostmortemsQuerySchema = z
  .object({
    severity: csv(z.enum(SEVERITIES)).optional(),
    status: csv(z.enum([...POSTMORTEM_STATUSES, 'overdue'])).optional(),
    /** A team: its postmortems and its sub-teams' (owners of affected entities). */
    ownerRef: groupRefSchema.optional(),
    /** A system or domain (or any entity): its incidents' and its parts'. */
    entityRef: entityRef.optional(),
    /** Incidents resolved at or after. */
    from: isoTime.optional(),
    /** Incidents resolved before. */
    to: isoTime.optional(),
    /** `sections`: each row carries its sections' text (search indexing reads pages, not rows). */
    include: z.enum(['sections']).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();

/** Parsed query of GET /v1/postmortems: filters and paging. @public */
export type ListPostmortemsQuery = z.output<typeof listPostmortemsQuerySchema>;

/** Body of POST /v1/action-items. @public */
export const createActionItemSchema = z
  .object({
    incidentId: z.string().trim().min(1, 'is required').max(100),
    priority: z.enum(ACTION_ITEM_PRIORITIES),
    title: z.string().trim().min(1, 'is required').max(500),
    ownerRef: groupRefSchema.optional(),
    assigneeRef: userRefSchema.optional(),
    dueAt: isoTime.optional(),
  })
  .strict();

/** Body of POST /v1/action-items: the action item to create. @public */
export type CreateActionItemRequest = z.input<typeof createActionItemSchema>;

/** Body of PATCH `/v1/action-items/{id}`; null clears a field. @public */
export const updateActionItemSchema = z
  .object({
    version,
    priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
    title: z.string().trim().min(1, 'must not be empty').max(500).optional(),
    ownerRef: groupRefSchema.nullable().optional(),
    assigneeRef: userRefSchema.nullable().optional(),
    dueAt: isoTime.nullable().optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
  })
  .strict();

/** Body of PATCH `/v1/action-items/{id}`: the fields to change. @public */
export type UpdateActionItemRequest = z.input<typeof updateActionItemSchema>;

/** Query of GET /v1/action-items. @public */
export const listActionItemsQuerySchema = z
  .object({
    /** A team: its items and its sub-teams', all levels down. */
    ownerRef: groupRefSchema.optional(),
    /** An entity: items of its incidents and of its parts' incidents. */
    entityRef: entityRef.optional(),
    incident: z.string().trim().max(100).optional(),
    status: csv(z.enum(ACTION_ITEM_STATUSES)).optional(),
    overdue: booleanFlag.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** Parsed query of GET /v1/action-items: filters and paging. @public */
export type ListActionItemsQuery = z.output<typeof listActionItemsQuerySchema>;

/** Query of GET /v1/insights. @public */
export const insightsQuerySchema = z
  .object({
    from: isoTime,
    to: isoTime,
    severity: csv(z.enum(SEVERITIES)).optional(),
    ownerRef: groupRefSchema.optional(),
  })
  .strict()
  .refine(q => Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  })
  .refine(q => Date.parse(q.to) - Date.parse(q.from) <= 366 * 24 * 3600_000, {
    message: 'the range may span at most 366 days',
    path: ['to'],
  });

/** Parsed query of GET /v1/insights: the period and filters. @public */
export type InsightsQuery = z.output<typeof insightsQuerySchema>;
