import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATIONS } from '@firebreak/plugin-incidents-common';
import { LabelSelector, matchesSelector, parseSelectors } from './matchers';
import { AlertRoute, NormalizedAlert } from './types';

/** The catalog entity kinds alerts can be routed to. */
export const ROUTABLE_KINDS = ['Component', 'Resource', 'System', 'API'];

/** The routing labels tried in order when config does not say otherwise. */
export const DEFAULT_ROUTING_LABELS = ['backstage_entity', 'service'];

/** Entity refs are case-insensitive; Firebreak stores them in lower case. */
function lowerRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

export interface RoutingEntity {
  ref: string;
  kind: string;
  name: string;
}

interface SelectorEntry {
  entityRef: string;
  selector: LabelSelector;
}

/** What routing needs from the catalog, indexed for lookups without catalog round trips. */
export interface RoutingIndex {
  byRef: Map<string, RoutingEntity>;
  /** Lower-case entity name → entities of that name (any namespace, any routable kind). */
  byName: Map<string, RoutingEntity[]>;
  /** Every `firebreak.io/alert-selector` selector, most specific first. */
  selectors: SelectorEntry[];
  /** `firebreak.io/routing-key` value (a routing key's name) → entity refs. */
  routingKeys: Map<string, string[]>;
  /** Label value → what it names; alerts of a service share their values. */
  labelValues: Map<string, { ref?: string; note?: string }>;
}

export function buildRoutingIndex(
  entities: Entity[],
  onInvalidSelector?: (entityRef: string, error: Error) => void,
): RoutingIndex {
  const index: RoutingIndex = {
    byRef: new Map(),
    byName: new Map(),
    selectors: [],
    routingKeys: new Map(),
    labelValues: new Map(),
  };
  for (const entity of entities) {
    const ref = lowerRef(stringifyEntityRef(entity));
    const summary: RoutingEntity = {
      ref,
      kind: entity.kind.toLocaleLowerCase('en-US'),
      name: entity.metadata.name.toLocaleLowerCase('en-US'),
    };
    index.byRef.set(ref, summary);
    const sameName = index.byName.get(summary.name) ?? [];
    sameName.push(summary);
    index.byName.set(summary.name, sameName);

    const annotations = entity.metadata.annotations ?? {};
    const selectorText = annotations[ANNOTATIONS.alertSelector];
    if (selectorText) {
      try {
        for (const selector of parseSelectors(selectorText)) {
          index.selectors.push({ entityRef: ref, selector });
        }
      } catch (e) {
        onInvalidSelector?.(ref, e as Error);
      }
    }
    const keyNames = annotations[ANNOTATIONS.routingKey];
    if (keyNames) {
      for (const name of keyNames.split(',').map(n => n.trim())) {
        if (name) {
          index.routingKeys.set(name, [
            ...(index.routingKeys.get(name) ?? []),
            ref,
          ]);
        }
      }
    }
  }
  // Most matchers first; ties in ref order, so the outcome never depends on catalog order.
  index.selectors.sort(
    (a, b) =>
      b.selector.length - a.selector.length ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return index;
}

/**
 * The entity a label value names: a full or partial entity ref (`component:default/x`,
 * `payments/x`) is looked up as such (kind defaults to Component, namespace to default); a
 * bare name is `component:default/<name>`, or else the only routable entity of that name.
 */
function entityForLabel(
  value: string,
  index: RoutingIndex,
): { ref?: string; note?: string } {
  let found = index.labelValues.get(value);
  if (!found) {
    found = lookUpLabel(value, index);
    if (index.labelValues.size < 100_000) {
      index.labelValues.set(value, found);
    }
  }
  return found;
}

function lookUpLabel(
  value: string,
  index: RoutingIndex,
): { ref?: string; note?: string } {
  const trimmed = value.trim();
  if (!trimmed) {
    return {};
  }
  let ref: string;
  try {
    ref = lowerRef(
      stringifyEntityRef(
        parseEntityRef(trimmed, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ),
    );
  } catch {
    return {};
  }
  if (index.byRef.has(ref)) {
    return { ref };
  }
  if (/[:/]/.test(trimmed)) {
    return {};
  }
  const candidates = index.byName.get(trimmed.toLocaleLowerCase('en-US')) ?? [];
  const components = candidates.filter(c => c.kind === 'component');
  const pick = components.length > 0 ? components : candidates;
  if (pick.length === 1) {
    return { ref: pick[0].ref };
  }
  if (pick.length > 1) {
    return {
      note: `'${trimmed}' names ${pick.length} entities (${pick
        .map(p => p.ref)
        .join(', ')})`,
    };
  }
  return {};
}

/**
 * Finds the catalog entity of an alert. In order: for events, the routing key (its
 * `entityRef` in config, then the entity annotated with its name in `firebreak.io/routing-key`);
 * then the routing labels in config order (default `backstage_entity`, then `service`); then
 * the `firebreak.io/alert-selector` annotations, the most specific selector winning. No
 * match: unrouted, with a note saying why.
 */
export function routeAlert(
  alert: Pick<
    NormalizedAlert,
    'labels' | 'routingKeyEntityRef' | 'routingKeyName'
  >,
  index: RoutingIndex,
  routingLabels: string[] = DEFAULT_ROUTING_LABELS,
): AlertRoute {
  const notes: string[] = [];

  if (alert.routingKeyEntityRef) {
    const ref = lowerRef(alert.routingKeyEntityRef);
    if (index.byRef.has(ref)) {
      return { entityRef: ref, routedBy: 'routing-key' };
    }
    notes.push(`the routing key's entity ${ref} is not in the catalog`);
  }
  if (alert.routingKeyName) {
    const refs = index.routingKeys.get(alert.routingKeyName) ?? [];
    if (refs.length === 1) {
      return { entityRef: refs[0], routedBy: 'routing-key' };
    }
    if (refs.length > 1) {
      notes.push(
        `routing key '${alert.routingKeyName}' is claimed by ${
          refs.length
        } entities (${refs.join(', ')})`,
      );
    }
  }

  for (const label of routingLabels) {
    const value = alert.labels[label];
    if (value === undefined) {
      continue;
    }
    const found = entityForLabel(value, index);
    if (found.ref) {
      return { entityRef: found.ref, routedBy: `label:${label}` };
    }
    notes.push(
      found.note
        ? `label ${label}: ${found.note}`
        : `label ${label}="${value}" names no catalog entity`,
    );
  }

  const matching = index.selectors.filter(s =>
    matchesSelector(s.selector, alert.labels),
  );
  if (matching.length > 0) {
    const entityRef = matching[0].entityRef;
    const others = [
      ...new Set(
        matching.map(m => m.entityRef).filter(ref => ref !== entityRef),
      ),
    ];
    return {
      entityRef,
      routedBy: 'selector',
      ...(others.length > 0
        ? {
            note: `the most specific selector won; also matched ${others.join(
              ', ',
            )}`,
          }
        : {}),
    };
  }

  if (notes.length === 0) {
    notes.push(
      `no routing label (${routingLabels.join(', ')}) and no ${
        ANNOTATIONS.alertSelector
      } matched`,
    );
  }
  return { note: notes.join('; ') };
}
