import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CommsUpdate,
  ExecutiveSummaryDraft,
  Incident,
  IncidentComms,
  IncidentPolicy,
  PostCommsUpdate,
} from '@firebreak/plugin-incidents-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { customerEmailsFor } from '../../catalog/customerContacts';
import { StatusComponents } from '../../catalog/statusComponents';
import {
  readCommsDuties,
  upsertCommsDuties,
} from '../../database/communication/commsDuties';
import {
  insertCommsUpdate,
  listCommsUpdates,
  readPublicIncidentId,
} from '../../database/communication/commsUpdates';
import { listConfirmedSubscribers } from '../../database/communication/subscribers';
import { IncidentTransactions } from '../../database/IncidentTransactions';
import { IncidentKey, MutationResult } from '../../database/IncidentsStore';
import { readSlaRecords } from '../../database/sla/slaRecords';
import {
  draftExecutiveSummary,
  nextUpdateDueAt,
  planCommsUpdate,
} from '../../domain/communication';
import { CommsConfig } from './commsConfig';

/**
 * Stakeholder communication of an incident: its checklist, its updates and the executive
 * summary draft; posting an update is one transaction (update, duties, timeline, effects).
 */
export class CommsService {
  constructor(
    private readonly deps: {
      db: Knex;
      incidents: IncidentTransactions;
      policy: IncidentPolicy;
      config: CommsConfig;
      catalog: CatalogService;
      auth: AuthService;
      statusComponents: StatusComponents;
      logger: LoggerService;
    },
  ) {}

  async read(incident: Incident): Promise<IncidentComms> {
    const { db, config } = this.deps;
    const [duties, updates] = await Promise.all([
      readCommsDuties(db, incident.id),
      listCommsUpdates(db, incident.id),
    ]);
    const due = nextUpdateDueAt(incident, updates[0]?.postedAt, config.cadence);
    return {
      duties,
      updates,
      ...(due
        ? {
            nextUpdateDueAt: due,
            cadenceMinutes: config.cadence[incident.severity],
          }
        : {}),
    };
  }

  async executiveSummary(
    incident: Incident,
    now: Date,
  ): Promise<ExecutiveSummaryDraft> {
    const { db, config, policy } = this.deps;
    const level = policy.severities.find(s => s.id === incident.severity)!;
    const [sla, updates] = await Promise.all([
      readSlaRecords(db, incident.id),
      listCommsUpdates(db, incident.id, 1),
    ]);
    return draftExecutiveSummary({
      incident,
      level,
      sla,
      nextUpdateDueAt: nextUpdateDueAt(
        incident,
        updates[0]?.postedAt,
        config.cadence,
      ),
      now,
    });
  }

  /**
   * Posts one update. Facts from the catalog (status components, customer contacts) are
   * gathered first; the write refuses a closed incident with a ConflictError.
   */
  async post(
    incident: Incident,
    key: IncidentKey,
    input: PostCommsUpdate,
    context: { actor: string; now: Date },
  ): Promise<MutationResult & { result: CommsUpdate }> {
    const { config } = this.deps;
    const refs = incident.entities.map(e => e.entityRef);
    const [components, customerEmails] = await Promise.all([
      input.audience === 'status-page'
        ? this.deps.statusComponents.componentsOf(refs)
        : Promise.resolve([]),
      input.audience === 'customers'
        ? customerEmailsFor({
            entityRefs: refs,
            contacts: config.customers,
            catalog: this.deps.catalog,
            auth: this.deps.auth,
          })
        : Promise.resolve([]),
    ]);
    const updateId = randomUUID();
    const at = context.now.toISOString();
    return this.deps.incidents.mutateIncidentWith<CommsUpdate>(
      key,
      { actor: context.actor, at },
      async (current, trx) => {
        const publicIncidentId =
          input.audience === 'status-page'
            ? (await readPublicIncidentId(trx, current.id)) ?? randomUUID()
            : undefined;
        const subscribers =
          input.audience === 'status-page'
            ? (await listConfirmedSubscribers(trx)).map(s => ({
                id: s.id,
                email: s.email,
                unsubscribeUrl: `${config.statusPage.publicUrl}/subscriptions/unsubscribe?token=${s.token}`,
              }))
            : [];
        const plan = planCommsUpdate({
          incident: current,
          duties: await readCommsDuties(trx, current.id),
          audience: input.audience,
          title: input.title,
          body: input.body,
          author: context.actor,
          now: context.now,
          updateId,
          leadershipGroupRef: config.sla.leadershipGroupRef,
          customerEmails,
          subscribers,
          components,
          publicIncidentId: publicIncidentId ?? '',
          statusPageUrl: config.statusPage.publicUrl,
        });
        if (plan.refused) {
          throw new ConflictError(plan.message);
        }
        const update: CommsUpdate = {
          id: updateId,
          incidentId: current.id,
          audience: input.audience,
          ...(plan.publicTitle ?? input.title
            ? { title: plan.publicTitle ?? input.title }
            : {}),
          body: input.body,
          author: context.actor,
          postedAt: at,
        };
        await insertCommsUpdate(trx, {
          ...update,
          ...(publicIncidentId ? { publicIncidentId, components } : {}),
        });
        await upsertCommsDuties(trx, current.id, plan.duties);
        return {
          change: {
            fields: {},
            timeline: [plan.timeline],
            announce: 'timeline',
          },
          result: update,
          effects: plan.effects,
        };
      },
    );
  }
}
