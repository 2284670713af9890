import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Incident, IncidentSource } from '@firebreak/plugin-incidents-common';
import { resolveOwnership } from '../catalog/ownership';
import { IncidentsStore } from '../database/IncidentsStore';
import { Declaration, entityRefsToLookUp, planDeclaration } from '../domain';
import { applyOwnership } from '../domain/response';
import { DeclarationResponse } from './DeclarationResponse';
import { Clock, systemClock } from '../domain/clock';

/** One declaration, whoever makes it: a person through the API or an alert rule. */
export interface DeclareIncidentOptions {
  declaration: Declaration;
  /** Entity ref of the declaring user, or the alert source for automatic declarations. */
  actor: string;
  /** Used for the catalog look-ups, so a user can only name entities they can see. */
  credentials: BackstageCredentials;
  source?: IncidentSource;
  restricted?: boolean;
}

/**
 * The single path by which incidents come into being, shared by the REST API and alert
 * ingestion so that both get the same checks, ownership and assignment.
 */
export class IncidentDeclarer {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      store: IncidentsStore;
      catalog: CatalogService;
      logger: LoggerService;
      clock?: Clock;
      /** Incident commander assignment and pages; without it, none of these. */
      response?: DeclarationResponse;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  async declare(options: DeclareIncidentOptions): Promise<Incident> {
    const { store, catalog, logger } = this.deps;
    const { declaration, actor, credentials } = options;
    // Owners (with the system → domain fallback) and the blast radius, in a constant number
    // of batched catalog calls.
    const ownership = await resolveOwnership(
      catalog,
      entityRefsToLookUp(declaration),
      credentials,
    );
    const now = this.clock.now();
    const plan = planDeclaration(declaration, ownership.entities, {
      actor,
      now,
      source: options.source,
      restricted: options.restricted,
    });
    if (!plan.ok) {
      throw new InputError(`Invalid request body: ${plan.problems.join('; ')}`);
    }
    let planned = applyOwnership(
      plan.incident,
      ownership.affected,
      ownership.downstream,
    );
    if (this.deps.response) {
      planned = await this.deps.response.prepare(planned, { credentials, now });
    }
    const declared = await store.declareIncident(planned);
    logger.info(
      `${actor} declared ${declared.ref} (${declared.severity}): ${declared.title}`,
    );
    return declared;
  }
}
