import { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS } from '@firebreak/plugin-incidents-common';

/** A component of the public status page: only its public title and an id made from it. */
export interface StatusComponent {
  id: string;
  title: string;
}

/** The status page components and which catalog entities each one stands for. */
export interface StatusComponentDirectory {
  components: StatusComponent[];
  /** Lower-case entity ref -> the components it belongs to. */
  byEntityRef: Map<string, StatusComponent[]>;
}

function slug(title: string): string {
  return (
    title
      .toLocaleLowerCase('en-US')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'component'
  );
}

/**
 * Reads the catalog's systems and components annotated with
 * `firebreak.io/status-page-component`; a system stands for its parts too. Cached per replica
 * for `ttlMs` (public data that every replica can read for itself).
 */
export class StatusComponents {
  private cached?: { at: number; value: Promise<StatusComponentDirectory> };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      ttlMs: number;
      now?: () => number;
    },
  ) {}

  directory(): Promise<StatusComponentDirectory> {
    const now = (this.deps.now ?? Date.now)();
    if (!this.cached || now - this.cached.at >= this.deps.ttlMs) {
      const value = this.read();
      this.cached = { at: now, value };
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  /** The components an incident's entities belong to. */
  async componentsOf(entityRefs: string[]): Promise<StatusComponent[]> {
    const { byEntityRef } = await this.directory();
    const found = new Map<string, StatusComponent>();
    for (const ref of entityRefs) {
      for (const c of byEntityRef.get(ref.toLocaleLowerCase('en-US')) ?? []) {
        found.set(c.id, c);
      }
    }
    return [...found.values()];
  }

  private async read(): Promise<StatusComponentDirectory> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: ['system', 'component'],
          [`metadata.annotations.${ANNOTATIONS.statusPageComponent}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: ['kind', 'metadata', 'relations'],
      },
      { credentials },
    );
    const byId = new Map<string, StatusComponent>();
    const byEntityRef = new Map<string, StatusComponent[]>();
    const add = (ref: string, component: StatusComponent) => {
      const key = ref.toLocaleLowerCase('en-US');
      const list = byEntityRef.get(key) ?? [];
      if (!list.some(c => c.id === component.id)) list.push(component);
      byEntityRef.set(key, list);
    };
    for (const entity of items as Entity[]) {
      const title =
        entity.metadata.annotations?.[ANNOTATIONS.statusPageComponent]?.trim();
      if (!title) continue;
      const component = byId.get(slug(title)) ?? { id: slug(title), title };
      byId.set(component.id, component);
      add(stringifyEntityRef(entity), component);
      for (const relation of entity.relations ?? []) {
        if (relation.type === RELATION_HAS_PART) {
          add(relation.targetRef, component);
        }
      }
    }
    return {
      components: [...byId.values()].sort((a, b) =>
        a.title.localeCompare(b.title),
      ),
      byEntityRef,
    };
  }
}
