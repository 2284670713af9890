/**
 * Entities an incident can affect: the tab and card show on these kinds only.
 * A filter predicate, so adopters can override it in app-config.
 */
export const incidentEntityFilter = {
  kind: { $in: ['component', 'system', 'resource'] },
};
