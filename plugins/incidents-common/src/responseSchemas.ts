import { z } from 'zod';
import { ROLE_IDS } from './roles';

/**
 * zod schemas of the response API: roles, checklist, pages and on-call. Entity refs may be
 * written short (`alice` for a user, `payments` for a group) and come out full and lower-case
 * (`user:default/alice`), the way Backstage compares them.
 */

const REF = /^(?:([^:/\s]+):)?(?:([^:/\s]+)\/)?([^:/\s]+)$/;

function refOfKind(kind: 'user' | 'group') {
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const match = REF.exec(value);
      const refKind = match?.[1]?.toLocaleLowerCase('en-US');
      if (!match || (refKind !== undefined && refKind !== kind)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be a ${kind} entity ref such as ${kind}:default/${
            kind === 'user' ? 'alice' : 'payments'
          }`,
        });
        return z.NEVER;
      }
      return `${kind}:${match[2] ?? 'default'}/${match[3]}`.toLocaleLowerCase(
        'en-US',
      );
    });
}

/** @public */
export const userRefSchema = refOfKind('user');
/** @public */
export const groupRefSchema = refOfKind('group');

const anyEntityRef = z
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

const note = z.string().trim().max(2000);

/** Body of PUT /v1/incidents/{id}/roles: assign or reassign one role. @public */
export const assignRoleSchema = z
  .object({
    role: z.enum(ROLE_IDS),
    userRef: userRefSchema,
    /** The role's version from GET roles; when given, a stale one is refused (409). */
    version: z.number().int().min(0).optional(),
    note: note.optional(),
  })
  .strict();

/** @public */
export type AssignRoleRequest = z.input<typeof assignRoleSchema>;

/** Body of POST /v1/incidents/{id}/roles/{role}/handoff. @public */
export const handoffRoleSchema = z
  .object({
    toUserRef: userRefSchema,
    /** The handoff notes: what the next person needs to know. */
    note: note.min(1, 'is required: say what the next person needs to know'),
    version: z.number().int().min(0).optional(),
  })
  .strict();

/** @public */
export type HandoffRoleRequest = z.input<typeof handoffRoleSchema>;

/** Body of PATCH /v1/incidents/{id}/checklist/{itemId}. @public */
export const updateChecklistItemSchema = z
  .object({
    /** A user ref to assign, or null to unassign. */
    assigneeRef: userRefSchema.nullable().optional(),
    done: z.boolean().optional(),
    /** The item's version from GET checklist; when given, a stale one is refused (409). */
    version: z.number().int().min(0).optional(),
  })
  .strict()
  .refine(body => body.assigneeRef !== undefined || body.done !== undefined, {
    message: 'set assigneeRef and/or done',
  });

/** @public */
export type UpdateChecklistItemRequest = z.input<
  typeof updateChecklistItemSchema
>;

/**
 * Body of POST /v1/incidents/{id}/pages. Without `groupRefs` and `userRefs`, the owning groups
 * of the affected entities are paged. A group is paged through its on-call, or as a whole
 * with `wholeGroup` (or when it has no on-call).
 * @public
 */
export const createPagesSchema = z
  .object({
    groupRefs: z.array(groupRefSchema).max(20).optional(),
    userRefs: z.array(userRefSchema).max(20).optional(),
    wholeGroup: z.boolean().optional(),
    reason: note.min(1, 'is required: say why you page'),
  })
  .strict();

/** @public */
export type CreatePagesRequest = z.input<typeof createPagesSchema>;

const booleanFlag = z
  .enum(['true', 'false'])
  .transform(value => value === 'true');

/** Query of GET /v1/pages. @public */
export const listPagesQuerySchema = z
  .object({
    /** Only pages to the caller or to the groups they belong to. */
    mine: booleanFlag.optional(),
    status: z
      .enum([
        'open',
        'acknowledged',
        'escalated',
        'resolved',
        'cancelled',
        'all',
      ])
      .default('all'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** @public */
export type ListPagesQuery = z.output<typeof listPagesQuerySchema>;

/** Query of GET /v1/oncall: a group, or an entity whose owner group is meant. @public */
export const onCallQuerySchema = z
  .object({
    groupRef: groupRefSchema.optional(),
    entityRef: anyEntityRef.optional(),
  })
  .strict()
  .refine(q => (q.groupRef === undefined) !== (q.entityRef === undefined), {
    message: 'give exactly one of groupRef and entityRef',
  });

/** @public */
export type OnCallQuery = z.output<typeof onCallQuerySchema>;
