import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ANNOTATIONS, refKey } from '@firebreak/plugin-incidents-common';

/** What Firebreak reads from a group entity. */
export interface GroupInfo {
  groupRef: string;
  /** `firebreak.io/oncall-schedule`: the schedule id passed to the on-call provider. */
  scheduleId?: string;
  /** `firebreak.io/lead`: the user paged when escalation reaches the end of the rotation. */
  leadRef?: string;
}

function userRef(value: string | undefined, namespace: string) {
  if (!value?.trim()) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'user',
      defaultNamespace: namespace,
    });
    return ref.kind.toLocaleLowerCase('en-US') === 'user'
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the on-call schedule and lead annotations of groups in ONE batched catalog call.
 * Returns lower-cased refs → info; groups missing from the catalog are absent.
 */
export async function lookupGroups(
  catalog: CatalogService,
  groupRefs: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, GroupInfo>> {
  const found = new Map<string, GroupInfo>();
  const refs = [...new Map(groupRefs.map(r => [refKey(r), r])).values()];
  if (refs.length === 0) {
    return found;
  }
  const { items } = await catalog.getEntitiesByRefs(
    {
      entityRefs: refs,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
      ],
    },
    { credentials },
  );
  items.forEach((entity, index) => {
    if (!entity) {
      return;
    }
    const annotations = entity.metadata.annotations ?? {};
    const scheduleId = annotations[ANNOTATIONS.onCallSchedule]?.trim();
    const leadRef = userRef(
      annotations[ANNOTATIONS.lead],
      entity.metadata.namespace ?? 'default',
    );
    found.set(refKey(refs[index]), {
      groupRef: refs[index],
      ...(scheduleId ? { scheduleId } : {}),
      ...(leadRef ? { leadRef } : {}),
    });
  });
  return found;
}
