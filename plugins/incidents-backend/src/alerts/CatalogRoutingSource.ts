import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Clock, systemClock } from '../domain/clock';
import {
  ROUTABLE_KINDS,
  RoutingIndex,
  buildRoutingIndex,
} from '../domain/alerts/routing';

const PAGE_SIZE = 1000;
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * The catalog data alert routing needs (routable entities with their names and Firebreak
 * annotations), loaded in pages with the plugin's own service credentials and kept for
 * `ttlMs`. Afterwards the next caller still gets the old index while one refresh runs in the
 * background, so ingestion never waits for the catalog once warm. A per-process cache is
 * fine here: it is derived data, and replicas converge within one TTL.
 */
export class CatalogRoutingSource {
  private index?: RoutingIndex;
  private loadedAt = 0;
  private loading?: Promise<RoutingIndex>;
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      ttlMs: number;
      clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** The current index; throws ServiceUnavailableError when the catalog never answered. */
  async getIndex(): Promise<RoutingIndex> {
    const age = this.clock.now().getTime() - this.loadedAt;
    if (this.index) {
      if (age > this.deps.ttlMs) {
        this.refresh().catch(() => {
          // Logged in refresh; the old index keeps serving until the catalog is back.
        });
      }
      return this.index;
    }
    try {
      return await this.refresh();
    } catch (e) {
      throw new ServiceUnavailableError(
        `Alert routing needs the catalog, which did not answer: ${
          (e as Error).message
        }`,
      );
    }
  }

  /** Forgets the index: the next call loads a fresh one (after an entity was routed by hand). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private refresh(): Promise<RoutingIndex> {
    if (!this.loading) {
      this.loading = this.load()
        .then(index => {
          this.index = index;
          this.loadedAt = this.clock.now().getTime();
          return index;
        })
        .catch(error => {
          this.deps.logger.warn(
            `Could not load alert routing data from the catalog: ${error}`,
          );
          throw error;
        })
        .finally(() => {
          this.loading = undefined;
        });
    }
    return this.loading;
  }

  private async load(): Promise<RoutingIndex> {
    const { catalog, auth, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, fields: FIELDS, limit: PAGE_SIZE }
          : {
              filter: { kind: ROUTABLE_KINDS },
              fields: FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return buildRoutingIndex(entities, (ref, error) =>
      logger.warn(
        `Ignoring the invalid alert selector of ${ref}: ${error.message}`,
      ),
    );
  }
}
