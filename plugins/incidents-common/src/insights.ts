import { Severity } from './severity';

/** The leadership view (GET /v1/insights): every figure computed in the database. */

/** One week of incidents, starting Monday 00:00 UTC. @public */
export interface InsightsWeek {
  /** ISO date (YYYY-MM-DD) of the Monday. */
  weekStart: string;
  /** Incidents declared in the week. */
  incidents: number;
  /** Incidents declared in the week, per severity. */
  bySeverity: Record<Severity, number>;
  /** Mean minutes from declaration to acknowledgement, over the acknowledged ones. */
  mttaMinutes?: number;
  /** Mean minutes from detection (declaration) to resolution, over the resolved ones. */
  mttrMinutes?: number;
  /** Mean minutes from declaration to mitigation, over the mitigated ones. */
  mitigationMinutes?: number;
}

/** SLA compliance of one milestone: met / measured (a milestone not reached yet is not measured). @public */
export interface SlaCompliance {
  /** The SLA clock. */
  milestone: 'acknowledge' | 'mitigation' | 'resolution';
  /** Incidents that reached the milestone within its target. */
  met: number;
  /** Incidents that reached the milestone. */
  measured: number;
  /** met / measured, 0..1; absent when nothing was measured. */
  ratio?: number;
}

/** The leadership view of incidents over a period (GET /v1/insights). @public */
export interface InsightsResponse {
  /** Start of the period (ISO 8601). */
  from: string;
  /** End of the period (ISO 8601). */
  to: string;
  /** Incident count and mean response times over the whole period. */
  totals: {
    incidents: number;
    mttaMinutes?: number;
    mttrMinutes?: number;
    mitigationMinutes?: number;
  };
  /** The period week by week. */
  weeks: InsightsWeek[];
  /** Incidents of the period per severity. */
  bySeverity: { severity: Severity; incidents: number }[];
  /** Incidents of the period per owning team (entity ref). */
  byOwner: { ownerRef: string; incidents: number }[];
  /** SLA compliance of the period, per milestone. */
  sla: SlaCompliance[];
  /** Postmortem action items of the period's incidents, by outcome. */
  actionItems: {
    total: number;
    done: number;
    wontDo: number;
    open: number;
    overdue: number;
    /** (done + won't do) / total, 0..1; absent when there are none. */
    completion?: number;
  };
}
