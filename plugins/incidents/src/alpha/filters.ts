/**
 * Entities an incident can affect: the tab and card show on these kinds only.
 * A filter predicate, so adopters can override it in app-config.
 */
export const incidentEntityFilter = {
  kind: { $in: ['component', 'system', 'resource'] },
};

/** Entities with an on-call answer: groups themselves, and what groups own. */
export const onCallEntityFilter = {
  kind: { $in: ['group', 'component', 'system', 'resource'] },
};
