import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

export type IncidentAuditEventId =
  | 'incident-declare'
  | 'incident-update'
  | 'incident-transition'
  | 'incident-timeline-add'
  | 'incident-acknowledge'
  | 'incident-role-assign'
  | 'incident-role-handoff'
  | 'incident-checklist-update'
  | 'incident-page'
  | 'incident-page-acknowledge'
  | 'alert-route'
  | 'alert-declare'
  | 'incident-postmortem-create'
  | 'incident-postmortem-save'
  | 'incident-postmortem-status'
  | 'incident-action-item-create'
  | 'incident-action-item-update';

/**
 * Runs a write inside an audit event: `success` with the metadata the action reports, or
 * `fail` with the error (which is rethrown).
 */
export async function audited<T>(
  auditor: AuditorService,
  options: {
    eventId: IncidentAuditEventId;
    request: Request;
    meta: JsonObject;
  },
  action: () => Promise<{ result: T; meta?: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    request: options.request,
    meta: options.meta,
  });
  try {
    const { result, meta } = await action();
    await event.success({ meta: { ...options.meta, ...meta } });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
